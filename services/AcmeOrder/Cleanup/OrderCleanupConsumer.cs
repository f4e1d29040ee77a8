using CertMesh.Contracts;
using CertMesh.Domain.Resources;
using CertMesh.Hosting.Bus;
using CertMesh.Persistence.Database;
using CertMesh.Persistence.Resources;
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
        foreach (var order in await unit.Resources.ListAsync<Order>(ResourceKinds.Order, message.Namespace, cancellationToken))
        {
            if (order.Document.Spec.CertificateName != message.Name)
                continue;
            var key = new ResourceKey(ResourceKinds.Order, message.Namespace, order.Document.Metadata.Name);
            await unit.Resources.DeleteAsync(key, cancellationToken);
            await unit.Events.DeleteAsync(key, cancellationToken);
        }
    }
}
