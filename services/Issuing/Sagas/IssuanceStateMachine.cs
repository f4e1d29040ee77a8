using CertMesh.Contracts.Issuance;
using CertMesh.Issuing.Workflow;
using CertMesh.Persistence.Database;
using MassTransit;

namespace CertMesh.Issuing.Sagas;

/// <summary>
/// Requested → (WaitingForKey) → Issued | Failed. Each step's work runs inside the saga repository's
/// transaction (the <see cref="UnitOfWork"/> payload), so the state change, the Secret, the resources and the
/// outgoing messages commit together.
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

        Initially(
            When(Requested)
                .Then(context =>
                {
                    var message = context.Message;
                    context.Saga.Namespace = message.Namespace;
                    context.Saga.Name = message.Name;
                    context.Saga.CertificateUid = message.CertificateUid;
                    context.Saga.Revision = message.Revision;
                    context.Saga.StartedAt = time.GetUtcNow();
                })
                .ThenAsync(context => workflow.BeginAsync(context.GetPayload<UnitOfWork>(), context.Saga, context.CancellationToken))
                .IfElse(context => context.Saga.Outcome == IssuanceOutcome.KeyRequested,
                    waiting => waiting.TransitionTo(WaitingForKey),
                    done => done.IfElse(context => context.Saga.Outcome == IssuanceOutcome.Issued,
                        issued => issued.TransitionTo(Issued),
                        failed => failed.TransitionTo(Failed))));

        During(WaitingForKey,
            Ignore(Requested),
            When(KeyGenerated)
                .ThenAsync(context => workflow.ContinueWithKeyAsync(context.GetPayload<UnitOfWork>(), context.Saga, context.Message.KeySecretName, context.CancellationToken))
                .IfElse(context => context.Saga.Outcome == IssuanceOutcome.Issued,
                    issued => issued.TransitionTo(Issued),
                    failed => failed.TransitionTo(Failed)),
            When(KeyFailed)
                .ThenAsync(context => workflow.FailAsync(context.GetPayload<UnitOfWork>(), context.Saga, context.Message.Reason, context.Message.Message, context.CancellationToken))
                .TransitionTo(Failed));

        During(Issued, Ignore(Requested), Ignore(KeyGenerated), Ignore(KeyFailed));
        During(Failed, Ignore(Requested), Ignore(KeyGenerated), Ignore(KeyFailed));
    }

    public State WaitingForKey { get; private set; } = null!;
    public State Issued { get; private set; } = null!;
    public State Failed { get; private set; } = null!;

    public Event<CertificateIssuanceRequested> Requested { get; private set; } = null!;
    public Event<PrivateKeyGenerated> KeyGenerated { get; private set; } = null!;
    public Event<PrivateKeyGenerationFailed> KeyFailed { get; private set; } = null!;
}
