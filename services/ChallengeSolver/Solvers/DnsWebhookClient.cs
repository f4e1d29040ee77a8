using CertMesh.ChallengeSolver.Solving;
using CertMesh.Contracts.Dns;
using CertMesh.Domain.Resources;
using MassTransit;

namespace CertMesh.ChallengeSolver.Solvers;

/// <summary>
/// Asks DnsWebhook to add or remove one DNS-01 TXT value, over the bus with MassTransit's request client, and waits
/// for its one answer. No answer in time, a failure it marks retryable or a fault in its consumer become a
/// <see cref="DnsChangeRetryException"/> (transient); a failure trying again cannot fix is handed back to decide on.
/// </summary>
internal sealed partial class DnsWebhookClient(IServiceScopeFactory scopes, Dns01Options options, ILogger<DnsWebhookClient> logger)
{
    static readonly TimeSpan SendGrace = TimeSpan.FromSeconds(10);

    /// <returns>null when the change was made; the webhook's answer when it was refused for good.</returns>
    /// <exception cref="DnsChangeRetryException">worth another try later.</exception>
    public async Task<DnsRecordChangeFailed?> ChangeAsync(string action, Challenge challenge, Dns01Target target, CancellationToken cancellationToken)
    {
        var request = new ChangeDnsRecord
        {
            Uid = challenge.Metadata.Uid,
            Action = action,
            Namespace = challenge.Metadata.Namespace,
            ChallengeName = challenge.Metadata.Name,
            IssuerRef = challenge.Spec.IssuerRef,
            SolverJson = challenge.Spec.Solver?.GetRawText() ?? "{}",
            DnsName = challenge.Spec.DnsName,
            ResolvedFqdn = target.Fqdn,
            ResolvedZone = target.Zone,
            Key = challenge.Spec.Key,
        };
        // The request client is scoped (MassTransit ties it to a consume context when there is one); this is a fresh scope.
        await using var scope = scopes.CreateAsyncScope();
        var client = scope.ServiceProvider.GetRequiredService<IRequestClient<ChangeDnsRecord>>();
        // The request timeout runs from the moment the request is sent; a send the broker keeps refusing would wait
        // forever without this outer deadline.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.WebhookTimeout + SendGrace);
        Response<DnsRecordChanged, DnsRecordChangeFailed> response;
        try
        {
            response = await client.GetResponse<DnsRecordChanged, DnsRecordChangeFailed>(request, deadline.Token, options.WebhookTimeout);
        }
        catch (Exception exception) when (exception is RequestTimeoutException
                                          || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new DnsChangeRetryException(
                $"DnsWebhook did not answer {action} of {target} within {options.WebhookTimeout.TotalSeconds:0.#}s", exception);
        }
        catch (RequestFaultException exception)
        {
            var reason = exception.Fault?.Exceptions.FirstOrDefault()?.Message ?? exception.Message;
            throw new DnsChangeRetryException($"DnsWebhook failed on {action} of {target}: {reason}", exception);
        }

        if (response.Is(out Response<DnsRecordChanged>? changed))
        {
            LogChanged(challenge.Metadata.Namespace, challenge.Metadata.Name, action, target.ToString(), changed.Message.Provider);
            return null;
        }
        if (!response.Is(out Response<DnsRecordChangeFailed>? refused))
            throw new InvalidOperationException($"DnsWebhook answered {action} with an unexpected {response.Message.GetType().Name}");
        var failed = refused.Message;
        if (failed.Retryable)
            throw new DnsChangeRetryException($"{failed.Reason}: {failed.Message}");
        return failed;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Challenge {Namespace}/{Name}: {Action} of {Target} done by {Provider}")]
    partial void LogChanged(string @namespace, string name, string action, string target, string provider);
}
