using CertMesh.Persistence.Database;
using MassTransit;

namespace CertMesh.Persistence.Tests.Sagas;

/// <summary>
/// Counts increments; the first one creates the instance (no insert-on-initial, so concurrent first messages race on
/// the insert). Finishing writes <see cref="CounterFinished"/> to the outbox of the unit the repository opened.
/// </summary>
public sealed class CounterStateMachine : MassTransitStateMachine<CounterSaga>
{
    public CounterStateMachine()
    {
        InstanceState(x => x.CurrentState);
        Event(() => Incremented, e => e.CorrelateById(m => m.Message.CorrelationId));
        Event(() => FinishRequested, e => e.CorrelateById(m => m.Message.CorrelationId));

        Initially(
            When(Incremented)
                .Then(c => c.Saga.Count++)
                .TransitionTo(Counting));

        During(Counting,
            When(Incremented)
                .ThenAsync(c => ConflictGate.PassAsync(c.Saga.CorrelationId))
                .Then(c => c.Saga.Count++),
            When(FinishRequested)
                .ThenAsync(WriteFinishedAsync)
                .TransitionTo(Finished));

        During(Finished,
            Ignore(Incremented),
            Ignore(FinishRequested));
    }

    public State Counting { get; private set; } = null!;
    public State Finished { get; private set; } = null!;

    public Event<IncrementCounter> Incremented { get; private set; } = null!;
    public Event<FinishCounter> FinishRequested { get; private set; } = null!;

    static async Task WriteFinishedAsync(BehaviorContext<CounterSaga, FinishCounter> context)
    {
        var unit = context.GetPayload<UnitOfWork>();
        await unit.Outbox.PublishAsync(new CounterFinished { CorrelationId = context.Saga.CorrelationId, Count = context.Saga.Count }, context.CancellationToken);
        if (context.Message.FailAfterOutboxWrite)
            throw new SimulatedFailureException("failing after the outbox write, before the saga is saved");
    }
}
