using CertMesh.Contracts.Acme;
using CertMesh.Hosting.Bus;
using CertMesh.Persistence.Database;
using MassTransit;

namespace CertMesh.AcmeOrder.Orders;

/// <summary>An authorization of an order is valid; the last one finalizes the order (see <see cref="OrderProgress"/>).</summary>
internal sealed class ChallengeSolvedConsumer(CertMeshDatabase database, OrderProgress progress) : IConsumer<ChallengeSolved>
{
    const string InboxName = "acmeorder:challenge-solved";

    public async Task Consume(ConsumeContext<ChallengeSolved> context)
    {
        await using var unit = await database.BeginOnceAsync(context, InboxName);
        if (unit is null)
            return;
        await progress.SolvedAsync(unit, context.Message, context.CancellationToken);
        await unit.CommitAsync(context.CancellationToken);
    }
}
