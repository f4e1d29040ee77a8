using CertMesh.Contracts.Acme;
using CertMesh.Hosting.Bus;
using CertMesh.Persistence.Database;
using MassTransit;

namespace CertMesh.AcmeOrder.Orders;

/// <summary>An authorization of an order ended invalid: the order fails with the CA's detail (see <see cref="OrderProgress"/>).</summary>
internal sealed class ChallengeFailedConsumer(CertMeshDatabase database, OrderProgress progress) : IConsumer<ChallengeFailed>
{
    const string InboxName = "acmeorder:challenge-failed";

    public async Task Consume(ConsumeContext<ChallengeFailed> context)
    {
        await using var unit = await database.BeginOnceAsync(context, InboxName);
        if (unit is null)
            return;
        await progress.FailedAsync(unit, context.Message, context.CancellationToken);
        await unit.CommitAsync(context.CancellationToken);
    }
}
