using MassTransit;

namespace CertMesh.Bench.Floor.Hops;

/// <summary>The benchmark's own subscriber to the last hop's announcement, as a user's is to CertificateIssued: no transaction.</summary>
public sealed class FloorChainDoneConsumer(ChainTracker tracker) : IConsumer<FloorChainDone>
{
    public Task Consume(ConsumeContext<FloorChainDone> context)
    {
        tracker.OnDone(context.Message.ChainId, context.Message.PublishedAt);
        return Task.CompletedTask;
    }
}
