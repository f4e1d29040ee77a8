using CertMesh.Contracts;
using MassTransit;

namespace CertMesh.Edge.Certificates;

/// <summary>
/// The two commands the Edge sends Trigger, as requests, so Trigger's answer (accepted, rejected with its field errors,
/// forbidden) reaches the Edge's log. Bounded: a broker that hangs under a publish cannot stall reconciling for good.
/// </summary>
internal sealed partial class TriggerCommands(IBus bus, ILogger<TriggerCommands> logger)
{
    static readonly TimeSpan Bound = TimeSpan.FromSeconds(35);
    // Made from the bus (a singleton), not injected: MassTransit registers request clients per scope.
    readonly IRequestClient<IssueCertificate> issue = bus.CreateRequestClient<IssueCertificate>(RequestTimeout.After(s: 30));
    readonly IRequestClient<DeleteCertificate> delete = bus.CreateRequestClient<DeleteCertificate>(RequestTimeout.After(s: 30));

    public async Task IssueAsync(RouteCertificate certificate, CancellationToken cancellationToken)
    {
        var command = certificate.Command;
        var response = await WithBound(token => issue.GetResponse<IssueCertificateAccepted, IssueCertificateRejected>(command, token), cancellationToken);
        if (response.Is(out Response<IssueCertificateAccepted>? accepted))
            LogIssued(command.Namespace, command.Name, certificate.RouteId, accepted.Message.Generation, accepted.Message.IssuanceStarted);
        else if (response.Is(out Response<IssueCertificateRejected>? rejected))
            LogRejected(command.Namespace, command.Name, certificate.RouteId, string.Join("; ", rejected.Message.Errors.Select(e => $"{e.Field}: {e.Message}")));
    }

    public async Task DeleteAsync(string @namespace, string name, CancellationToken cancellationToken)
    {
        var command = new DeleteCertificate { Namespace = @namespace, Name = name };
        var response = await WithBound(token => delete.GetResponse<CertificateDeleted, CertificateNotFound, CommandForbidden>(command, token), cancellationToken);
        if (response.Is(out Response<CommandForbidden>? forbidden))
            LogDeleteForbidden(@namespace, name, forbidden.Message.Message);
        else
            LogDeleted(@namespace, name);
    }

    static async Task<T> WithBound<T>(Func<CancellationToken, Task<T>> request, CancellationToken cancellationToken)
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(Bound);
        try
        {
            return await request(bound.Token).WaitAsync(Bound, cancellationToken);
        }
        catch (OperationCanceledException) when (bound.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"Trigger did not answer within {Bound.TotalSeconds:0} s");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Certificate {Namespace}/{Name} for route '{RouteId}' applied: generation {Generation}, issuance started {IssuanceStarted}")]
    partial void LogIssued(string @namespace, string name, string routeId, long generation, bool issuanceStarted);

    [LoggerMessage(Level = LogLevel.Error, Message = "Trigger rejected Certificate {Namespace}/{Name} for route '{RouteId}': {Errors}")]
    partial void LogRejected(string @namespace, string name, string routeId, string errors);

    [LoggerMessage(Level = LogLevel.Information, Message = "Certificate {Namespace}/{Name} deleted: no route asks for it any more")]
    partial void LogDeleted(string @namespace, string name);

    [LoggerMessage(Level = LogLevel.Error, Message = "Trigger refused to delete Certificate {Namespace}/{Name}: {Reason}")]
    partial void LogDeleteForbidden(string @namespace, string name, string reason);
}
