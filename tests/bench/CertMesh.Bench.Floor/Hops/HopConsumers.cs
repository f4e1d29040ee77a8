using CertMesh.Hosting.Bus;
using MassTransit;

namespace CertMesh.Bench.Floor.Hops;

/// <summary>
/// One transactional hop and nothing else: the unit-of-work filter marks the message in the inbox, this writes the next
/// message to the outbox, and the filter commits and hands it to the dispatcher — what every step of an issuance pays
/// before it does any work of its own.
/// </summary>
public abstract class HopConsumer<TIn, TOut> : IConsumer<TIn> where TIn : class, IHop where TOut : class
{
    protected abstract TOut Next(TIn message);

    public Task Consume(ConsumeContext<TIn> context) =>
        context.UnitOfWork().Outbox.PublishAsync(Next(context.Message), context.CancellationToken);
}

[Inbox("floor:hop1")]
public sealed class FloorHop1Consumer : HopConsumer<FloorHop1, FloorHop2>
{
    protected override FloorHop2 Next(FloorHop1 message) => new(message.ChainId, message.PublishedAt);
}

[Inbox("floor:hop2")]
public sealed class FloorHop2Consumer : HopConsumer<FloorHop2, FloorHop3>
{
    protected override FloorHop3 Next(FloorHop2 message) => new(message.ChainId, message.PublishedAt);
}

[Inbox("floor:hop3")]
public sealed class FloorHop3Consumer : HopConsumer<FloorHop3, FloorHop4>
{
    protected override FloorHop4 Next(FloorHop3 message) => new(message.ChainId, message.PublishedAt);
}

[Inbox("floor:hop4")]
public sealed class FloorHop4Consumer : HopConsumer<FloorHop4, FloorHop5>
{
    protected override FloorHop5 Next(FloorHop4 message) => new(message.ChainId, message.PublishedAt);
}

[Inbox("floor:hop5")]
public sealed class FloorHop5Consumer : HopConsumer<FloorHop5, FloorChainDone>
{
    protected override FloorChainDone Next(FloorHop5 message) => new(message.ChainId, message.PublishedAt);
}
