using CertMesh.Contracts.Acme;
using CertMesh.Hosting.Bus;
using CertMesh.Persistence.Database;
using MassTransit;

namespace CertMesh.AcmeOrder.Orders;

/// <summary>An authorization of an order ended invalid: the order fails with the CA's detail (see <see cref="OrderProgress"/>).</summary>
[Inbox("acmeorder:challenge-failed")]
internal sealed class ChallengeFailedConsumer(OrderProgress progress) : IConsumer<ChallengeFailed>
{
    public async Task Consume(ConsumeContext<ChallengeFailed> context)
    {
        var unit = context.UnitOfWork();
        await progress.FailedAsync(unit, context.Message, context.CancellationToken);
    }
}
