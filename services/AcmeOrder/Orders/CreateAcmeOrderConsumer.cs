using CertMesh.Contracts.Acme;
using CertMesh.Hosting.Bus;
using CertMesh.Persistence.Database;
using MassTransit;

namespace CertMesh.AcmeOrder.Orders;

/// <summary>Issuing asks for the ACME order of a CertificateRequest; see <see cref="OrderCreation"/>.</summary>
internal sealed class CreateAcmeOrderConsumer(CertMeshDatabase database, OrderCreation creation) : IConsumer<CreateAcmeOrder>
{
    const string InboxName = "acmeorder:create-order";

    public async Task Consume(ConsumeContext<CreateAcmeOrder> context)
    {
        await using var unit = await database.BeginOnceAsync(context, InboxName);
        if (unit is null)
            return;
        await creation.CreateAsync(unit, context.Message, context.CancellationToken);
        await unit.CommitAsync(context.CancellationToken);
    }
}
