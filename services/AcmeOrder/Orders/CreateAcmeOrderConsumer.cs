using CertMesh.Contracts.Acme;
using CertMesh.Hosting.Bus;
using CertMesh.Persistence.Database;
using MassTransit;

namespace CertMesh.AcmeOrder.Orders;

/// <summary>Issuing asks for the ACME order of a CertificateRequest; see <see cref="OrderCreation"/>.</summary>
[Inbox("acmeorder:create-order")]
internal sealed class CreateAcmeOrderConsumer(OrderCreation creation) : IConsumer<CreateAcmeOrder>
{
    public async Task Consume(ConsumeContext<CreateAcmeOrder> context)
    {
        var unit = context.UnitOfWork();
        await creation.CreateAsync(unit, context.Message, context.CancellationToken);
    }
}
