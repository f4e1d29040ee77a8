using CertMesh.Contracts;
using CertMesh.Domain.Resources;
using CertMesh.Hosting.Bus;
using CertMesh.Persistence.Database;
using MassTransit;

namespace CertMesh.AcmeOrder.Cleanup;

/// <summary>
/// After a Certificate is deleted its Orders go too, as cert-manager's owner references cascade. An order still in
/// flight then finds no Order when its challenges report back, and nothing more is asked of the CA.
/// </summary>
[Inbox("acmeorder:certificate-deleted")]
internal sealed class OrderCleanupConsumer : IConsumer<CertificateDeleted>
{
    public async Task Consume(ConsumeContext<CertificateDeleted> context)
    {
        var message = context.Message;
        var cancellationToken = context.CancellationToken;
        var unit = context.UnitOfWork();
        // Found by spec.certificateName through its index: the certificate's own Orders (and their events), not every
        // Order of the namespace.
        await unit.Resources.DeleteOwnedByCertificateAsync(ResourceKinds.Order, message.Namespace, message.Name, cancellationToken);
    }
}
