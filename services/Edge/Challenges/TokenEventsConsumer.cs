using CertMesh.Contracts.Challenges;
using MassTransit;

namespace CertMesh.Edge.Challenges;

/// <summary>
/// Applies token events to this replica's memory. It runs on a temporary queue of this process alone (see
/// Extensions): every Edge replica must see every event, so the replicas must not compete for one queue.
/// Applying an event twice changes nothing, so no inbox is needed.
/// </summary>
internal sealed class TokenEventsConsumer(TokenCache cache) : IConsumer<Http01TokenPresented>, IConsumer<Http01TokenRemoved>
{
    public Task Consume(ConsumeContext<Http01TokenPresented> context)
    {
        cache.Present(context.Message.Token, context.Message.KeyAuthorization);
        return Task.CompletedTask;
    }

    public Task Consume(ConsumeContext<Http01TokenRemoved> context)
    {
        cache.Remove(context.Message.Token);
        return Task.CompletedTask;
    }
}
