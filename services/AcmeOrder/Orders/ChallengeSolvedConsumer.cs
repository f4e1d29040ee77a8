using CertMesh.Contracts.Acme;
using CertMesh.Hosting.Bus;
using CertMesh.Persistence.Database;
using MassTransit;

namespace CertMesh.AcmeOrder.Orders;

/// <summary>An authorization of an order is valid; the last one finalizes the order (see <see cref="OrderProgress"/>).</summary>
[Inbox("acmeorder:challenge-solved")]
internal sealed class ChallengeSolvedConsumer(OrderProgress progress) : IConsumer<ChallengeSolved>
{
    public async Task Consume(ConsumeContext<ChallengeSolved> context)
    {
        var unit = context.UnitOfWork();
        await progress.SolvedAsync(unit, context.Message, context.CancellationToken);
    }
}
