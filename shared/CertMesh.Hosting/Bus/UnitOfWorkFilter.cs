using CertMesh.Persistence.Database;
using CertMesh.Persistence.Messaging;
using MassTransit;

namespace CertMesh.Hosting.Bus;

/// <summary>
/// The framing every state-changing consumer shares, in one place: a transaction holding the message's inbox mark,
/// the consumer run inside it (its unit of work is <see cref="ConsumeContextUnitOfWork.UnitOfWork"/>), then the
/// commit — state, events, outgoing messages and replies together. A redelivered message is not handed to the
/// consumer; what it was owed is sent again instead. Anything thrown rolls everything back for the bus retry.
/// </summary>
public sealed class UnitOfWorkFilter<TConsumer>(CertMeshDatabase database, string inboxName) : IFilter<ConsumerConsumeContext<TConsumer>>
    where TConsumer : class
{

    public async Task Send(ConsumerConsumeContext<TConsumer> context, IPipe<ConsumerConsumeContext<TConsumer>> next)
    {
        var cancellationToken = context.CancellationToken;
        await using var unit = await database.BeginOnceAsync(inboxName, IncomingMessage.Of(context), cancellationToken);
        if (unit is null)
            return;
        // Set, not added: a retry runs the pipe again with a fresh unit.
        context.AddOrUpdatePayload(() => unit, _ => unit);
        await next.Send(context);
        if (!unit.Completed)
            await unit.CommitAsync(cancellationToken);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("unit-of-work").Add("inbox", inboxName);
}
