using System.Net.Http.Json;
using CertMesh.Contracts.Dns;
using CertMesh.DnsWebhook.Changes;
using CertMesh.DnsWebhook.Config;

namespace CertMesh.DnsWebhook.Providers.Webhook;

/// <summary>
/// Asks an external cert-manager webhook solver to present or clean up: POST of a <c>ChallengePayload</c> to
/// <c>&lt;base&gt;/apis/&lt;groupName&gt;/v1alpha1/&lt;solverName&gt;</c>, as cert-manager's webhook client does through the
/// API server, with the solver's <c>config</c> passed through untouched.
/// </summary>
internal sealed class WebhookProvider(WebhookConfig config, Uri url, HttpClient http) : IDnsProvider
{
    public string Describe => config.Describe;

    public Task PresentAsync(DnsChallenge challenge, CancellationToken cancellationToken) =>
        SendAsync(DnsRecordActions.Present, challenge, cancellationToken);

    public Task CleanUpAsync(DnsChallenge challenge, CancellationToken cancellationToken) =>
        SendAsync(DnsRecordActions.CleanUp, challenge, cancellationToken);

    async Task SendAsync(string action, DnsChallenge challenge, CancellationToken cancellationToken)
    {
        var payload = new ChallengePayload
        {
            Request = new ChallengeRequest
            {
                Uid = challenge.Uid.ToString(),
                Action = action,
                DnsName = challenge.DnsName,
                Key = challenge.Key,
                ResourceNamespace = challenge.Namespace,
                ResolvedFqdn = challenge.ResolvedFqdn,
                ResolvedZone = challenge.ResolvedZone,
                Config = config.Config,
            },
        };
        // The URL without user info, in case the operator put credentials in CERTMESH_DNS_WEBHOOKS.
        var solver = $"webhook solver {config.GroupName}/{config.SolverName} at {url.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped)}";
        try
        {
            using var response = await http.PostAsJsonAsync(url, payload, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            WebhookAnswer.Check(response.StatusCode, body, solver, action);
        }
        catch (HttpRequestException e)
        {
            throw DnsChangeException.Unreachable($"{solver} is unreachable: {e.Message}", e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw DnsChangeException.Unreachable($"{solver} did not answer {action} within {http.Timeout.TotalSeconds:0.#} s", e);
        }
    }
}
