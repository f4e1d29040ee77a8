using CertMesh.Contracts.Dns;
using CertMesh.DnsWebhook.Config;
using CertMesh.DnsWebhook.Providers;
using CertMesh.DnsWebhook.Secrets;

namespace CertMesh.DnsWebhook.Changes;

/// <summary>
/// Makes one ChangeDnsRecord happen: check the message, read the solver, build its provider with its Secrets, present
/// or clean up. Writes no state, so a repeated message simply repeats an idempotent change. Expected failures come back
/// as a result; only infrastructure trouble (the database) throws, for the bus to retry.
/// </summary>
internal sealed partial class DnsRecordChanger(DnsProviderFactory providers, SolverSecrets secrets, ILogger<DnsRecordChanger> logger)
{
    public async Task<DnsChangeResult> ChangeAsync(ChangeDnsRecord request, CancellationToken cancellationToken)
    {
        var provider = "";
        try
        {
            var errors = ChangeRequestRules.Validate(request);
            if (errors.Count > 0)
                throw DnsChangeException.InvalidConfig(string.Join("; ", errors));

            var config = Dns01ConfigParser.Parse(request.SolverJson);
            provider = config.Describe;
            var dns = await providers.CreateAsync(config, secrets.NamespaceFor(request), cancellationToken);
            provider = dns.Describe;

            var challenge = DnsChallenge.From(request);
            if (request.Action == DnsRecordActions.Present)
                await dns.PresentAsync(challenge, cancellationToken);
            else
                await dns.CleanUpAsync(challenge, cancellationToken);

            LogChanged(request.Action, challenge.ResolvedFqdn, provider, request.Namespace, request.ChallengeName);
            return new DnsChangeResult(provider, null);
        }
        catch (DnsChangeException failure)
        {
            LogFailed(request.Action, request.ResolvedFqdn, provider, request.Namespace, request.ChallengeName, failure.Reason, failure.Retryable, failure.Message);
            return new DnsChangeResult(provider, failure);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Action} TXT at {Fqdn} via {Provider} for challenge {Namespace}/{Challenge}")]
    partial void LogChanged(string action, string fqdn, string provider, string @namespace, string challenge);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Action} TXT at {Fqdn} via {Provider} for challenge {Namespace}/{Challenge} failed: {Reason} (retryable {Retryable}): {Message}")]
    partial void LogFailed(string action, string fqdn, string provider, string @namespace, string challenge, string reason, bool retryable, string message);
}
