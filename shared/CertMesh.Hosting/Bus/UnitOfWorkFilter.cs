using CertMesh.Persistence.Database;
using CertMesh.Persistence.Messaging;
using MassTransit;

namespace CertMesh.Hosting.Bus;

/// <summary>
/// The framing every state-changing consumer shares, in one place: a transaction holding the message's inbox mark,
/// the consumer run inside it (its unit of work is <see cref="ConsumeContextUnitOfWork.UnitOfWork"/>), then the
/// commit — state, events, outgoing messages and replies together. A message already handled is not applied again;
/// what it was owed is sent again instead (<see cref="CertMeshDatabase.HandleOnceAsync"/>). Anything else thrown rolls
/// everything back for the bus retry.
/// </summary>
public sealed class UnitOfWorkFilter<TConsumer>(CertMeshDatabase database, string inboxName) : IFilter<ConsumerConsumeContext<TConsumer>>
    where TConsumer : class
{

    public async Task Send(ConsumerConsumeContext<TConsumer> context, IPipe<ConsumerConsumeContext<TConsumer>> next)
    {
        await database.HandleOnceAsync(inboxName, IncomingMessage.Of(context), unit =>
        {
            // Set, not added: a retry runs the pipe again with a fresh unit.
            context.AddOrUpdatePayload(() => unit, _ => unit);
            return next.Send(context);
        }, context.CancellationToken);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("unit-of-work").Add("inbox", inboxName);
}
