using CertMesh.Contracts.Issuance;
using CertMesh.Issuing.Workflow;
using CertMesh.Persistence.Database;
using MassTransit;

namespace CertMesh.Issuing.Sagas;

/// <summary>
/// Requested → WaitingForKey → (WaitingForIssuer) → Issued | Failed. Each step's work runs inside the saga
/// repository's transaction (the <see cref="UnitOfWork"/> payload), so the state change, the Secret, the
/// resources and the outgoing messages commit together. Ended instances stay, so redeliveries are ignored.
/// </summary>
public sealed class IssuanceStateMachine : MassTransitStateMachine<IssuanceState>
{
    public IssuanceStateMachine(IssuanceWorkflow workflow, TimeProvider time)
    {
        InstanceState(x => x.CurrentState);

        Event(() => Requested, e => e.CorrelateById(m => m.Message.IssuanceId));
        Event(() => KeyGenerated, e =>
        {
            e.CorrelateById(m => m.Message.IssuanceId);
            e.OnMissingInstance(m => m.Discard());
        });
        Event(() => KeyFailed, e =>
        {
            e.CorrelateById(m => m.Message.IssuanceId);
            e.OnMissingInstance(m => m.Discard());
        });
        Event(() => Retry, e =>
        {
            e.CorrelateById(m => m.Message.IssuanceId);
            e.OnMissingInstance(m => m.Discard());
        });

        Initially(
            Route(When(Requested)
                .Then(context =>
                {
                    var message = context.Message;
                    context.Saga.Namespace = message.Namespace;
                    context.Saga.Name = message.Name;
                    context.Saga.CertificateUid = message.CertificateUid;
                    context.Saga.Revision = message.Revision;
                    context.Saga.StartedAt = time.GetUtcNow();
                })
                .ThenAsync(context => workflow.BeginAsync(context.GetPayload<UnitOfWork>(), context.Saga, context.CancellationToken))));

        During(WaitingForKey,
            Ignore(Requested),
            Ignore(Retry),
            Route(When(KeyGenerated)
                .ThenAsync(context => workflow.ContinueWithKeyAsync(context.GetPayload<UnitOfWork>(), context.Saga, context.Message.KeySecretName, context.CancellationToken))),
            When(KeyFailed)
                .ThenAsync(context => workflow.FailAsync(context.GetPayload<UnitOfWork>(), context.Saga, context.Message.Reason, context.Message.Message, context.CancellationToken))
                .TransitionTo(Failed));

        During(WaitingForIssuer,
            Ignore(Requested),
            Ignore(KeyGenerated),
            Ignore(KeyFailed),
            Route(When(Retry, context => context.Message.Attempt == context.Saga.IssuerWaits)
                .ThenAsync(context => workflow.RetryAsync(context.GetPayload<UnitOfWork>(), context.Saga, context.CancellationToken))));

        DuringAny(Ignore(Retry));
        During(Issued, Ignore(Requested), Ignore(KeyGenerated), Ignore(KeyFailed));
        During(Failed, Ignore(Requested), Ignore(KeyGenerated), Ignore(KeyFailed));
    }

    public State WaitingForKey { get; private set; } = null!;
    public State WaitingForIssuer { get; private set; } = null!;
    public State Issued { get; private set; } = null!;
    public State Failed { get; private set; } = null!;

    public Event<CertificateIssuanceRequested> Requested { get; private set; } = null!;
    public Event<PrivateKeyGenerated> KeyGenerated { get; private set; } = null!;
    public Event<PrivateKeyGenerationFailed> KeyFailed { get; private set; } = null!;
    public Event<RetryIssuance> Retry { get; private set; } = null!;

    EventActivityBinder<IssuanceState, T> Route<T>(EventActivityBinder<IssuanceState, T> binder) where T : class =>
        binder.IfElse(context => context.Saga.Outcome == IssuanceOutcome.KeyRequested,
            x => x.TransitionTo(WaitingForKey),
            x => x.IfElse(context => context.Saga.Outcome == IssuanceOutcome.WaitingForIssuer,
                y => y.TransitionTo(WaitingForIssuer),
                y => y.IfElse(context => context.Saga.Outcome == IssuanceOutcome.Issued,
                    z => z.TransitionTo(Issued),
                    z => z.TransitionTo(Failed))));
}
