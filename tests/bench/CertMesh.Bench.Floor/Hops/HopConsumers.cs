using CertMesh.Hosting.Bus;
using MassTransit;

namespace CertMesh.Bench.Floor.Hops;

/// <summary>
/// One transactional hop and nothing else: the unit-of-work filter handles the message once (its inbox mark), this
/// writes the next message to the outbox, and the filter commits and hands it to the dispatcher — what every step of
/// an issuance pays before it does any work of its own.
/// </summary>
public abstract class HopConsumer<TIn, TOut> : IConsumer<TIn> where TIn : Hop where TOut : Hop, new()
{
    public Task Consume(ConsumeContext<TIn> context) =>
        context.UnitOfWork().Outbox.PublishAsync(new TOut { ChainId = context.Message.ChainId, PublishedAt = context.Message.PublishedAt }, context.CancellationToken);
}

// A class each: the inbox name is an attribute of the consumer type.
[Inbox("floor:hop1")] public sealed class FloorHop1Consumer : HopConsumer<FloorHop1, FloorHop2>;
[Inbox("floor:hop2")] public sealed class FloorHop2Consumer : HopConsumer<FloorHop2, FloorHop3>;
[Inbox("floor:hop3")] public sealed class FloorHop3Consumer : HopConsumer<FloorHop3, FloorHop4>;
[Inbox("floor:hop4")] public sealed class FloorHop4Consumer : HopConsumer<FloorHop4, FloorHop5>;
[Inbox("floor:hop5")] public sealed class FloorHop5Consumer : HopConsumer<FloorHop5, FloorChainDone>;
