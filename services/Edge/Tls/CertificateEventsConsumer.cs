using CertMesh.Contracts;
using MassTransit;

namespace CertMesh.Edge.Tls;

/// <summary>
/// Swaps in each new revision of a served certificate, and drops a deleted one. Like the token events, it runs on
/// a temporary queue of this process alone (see Extensions): every Edge replica must see every event. Applying an
/// event twice changes nothing (versions only move forward), so no inbox is needed.
/// </summary>
internal sealed class CertificateEventsConsumer(CertificateLoader loader) : IConsumer<CertificateIssued>, IConsumer<CertificateDeleted>
{
    public Task Consume(ConsumeContext<CertificateIssued> context)
    {
        var issued = context.Message;
        return loader.Serves(issued.Namespace)
            ? loader.LoadAsync(issued.Namespace, issued.SecretName, context.CancellationToken)
            : Task.CompletedTask;
    }

    public Task Consume(ConsumeContext<CertificateDeleted> context)
    {
        var deleted = context.Message;
        if (loader.Serves(deleted.Namespace))
            loader.Forget(ServedCertificate.SourceOf(deleted.Namespace, deleted.SecretName), $"Certificate {deleted.Name} was deleted");
        return Task.CompletedTask;
    }
}
