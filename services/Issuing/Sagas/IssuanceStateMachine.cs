using CertMesh.Contracts.Acme;
using CertMesh.Contracts.Issuance;
using CertMesh.Issuing.Workflow;
using CertMesh.Persistence.Database;
using MassTransit;

namespace CertMesh.Issuing.Sagas;

/// <summary>
/// One revision's issuance, started by KeyManager's answer: KeyReady → (WaitingForApproval, when no policy selects the
/// request and the default is to wait) → (WaitingForIssuer) → (WaitingForOrder, ACME issuers only) → Issued | Failed.
/// A policy's denial, or a person's, ends it Failed.
/// Each step's work runs inside the saga repository's transaction (the <see cref="UnitOfWork"/> payload), so the
/// state change, the Secret, the resources and the outgoing messages commit together. Ended instances stay, so
/// redeliveries are ignored.
/// </summary>
public sealed class IssuanceStateMachine : MassTransitStateMachine<IssuanceState>
{
    public IssuanceStateMachine(IssuanceWorkflow workflow, TimeProvider time)
    {
        InstanceState(x => x.CurrentState);

        Event(() => KeyReady, e => e.CorrelateById(m => m.Message.IssuanceId));
        Event(() => KeyFailed, e => e.CorrelateById(m => m.Message.IssuanceId));
        Event(() => OrderCompleted, e =>
        {
            e.CorrelateById(m => m.Message.IssuanceId);
            e.OnMissingInstance(m => m.Discard());
        });
        Event(() => OrderFailed, e =>
        {
            e.CorrelateById(m => m.Message.IssuanceId);
            e.OnMissingInstance(m => m.Discard());
        });
        Event(() => Approved, e =>
        {
            e.CorrelateById(m => m.Message.IssuanceId);
            e.OnMissingInstance(m => m.Discard());
        });
        Event(() => Denied, e =>
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
            Route(When(KeyReady)
                .Then(context =>
                {
                    var message = context.Message;
                    Identify(context.Saga, message.Namespace, message.Name, message.CertificateUid, message.Revision, time);
                    context.Saga.KeySecretName = message.KeySecretName;
                })
                .ThenAsync(context => workflow.IssueAsync(context.GetPayload<UnitOfWork>(), context.Saga, context.CancellationToken))),
            When(KeyFailed)
                .Then(context =>
                {
                    var message = context.Message;
                    Identify(context.Saga, message.Namespace, message.Name, message.CertificateUid, message.Revision, time);
                })
                .ThenAsync(context => workflow.FailAsync(context.GetPayload<UnitOfWork>(), context.Saga, context.Message.Reason, context.Message.Message, context.CancellationToken))
                .TransitionTo(Failed));

        During(WaitingForIssuer,
            Ignore(KeyReady),
            Ignore(KeyFailed),
            Route(When(Retry, context => context.Message.Attempt == context.Saga.IssuerWaits)
                .ThenAsync(context => workflow.IssueAsync(context.GetPayload<UnitOfWork>(), context.Saga, context.CancellationToken))));

        During(WaitingForOrder,
            Ignore(KeyReady),
            Ignore(KeyFailed),
            Route(When(OrderCompleted)
                .ThenAsync(context => workflow.CompleteAcmeOrderAsync(context.GetPayload<UnitOfWork>(), context.Saga, context.Message.OrderName, context.Message.ChainPem, context.CancellationToken))),
            When(OrderFailed)
                .ThenAsync(context => workflow.FailAcmeOrderAsync(context.GetPayload<UnitOfWork>(), context.Saga, context.Message.OrderName, context.Message.Reason, context.Message.Message, context.CancellationToken))
                .TransitionTo(Failed));

        // A person decides; a second decision, or one arriving after the request moved on, is ignored below.
        During(WaitingForApproval,
            Ignore(KeyReady),
            Ignore(KeyFailed),
            Ignore(OrderCompleted),
            Ignore(OrderFailed),
            Route(When(Approved)
                .ThenAsync(context => workflow.ApproveAsync(context.GetPayload<UnitOfWork>(), context.Saga, context.Message, context.CancellationToken))),
            When(Denied)
                .ThenAsync(context => workflow.DenyAsync(context.GetPayload<UnitOfWork>(), context.Saga, context.Message, context.CancellationToken))
                .TransitionTo(Failed));

        DuringAny(Ignore(Retry));
        During(WaitingForIssuer, Ignore(OrderCompleted), Ignore(OrderFailed), Ignore(Approved), Ignore(Denied));
        During(WaitingForOrder, Ignore(Approved), Ignore(Denied));
        During(Issued, Ignore(KeyReady), Ignore(KeyFailed), Ignore(OrderCompleted), Ignore(OrderFailed), Ignore(Approved), Ignore(Denied));
        During(Failed, Ignore(KeyReady), Ignore(KeyFailed), Ignore(OrderCompleted), Ignore(OrderFailed), Ignore(Approved), Ignore(Denied));
    }

    public State WaitingForApproval { get; private set; } = null!;
    public State WaitingForIssuer { get; private set; } = null!;
    public State WaitingForOrder { get; private set; } = null!;
    public State Issued { get; private set; } = null!;
    public State Failed { get; private set; } = null!;

    public Event<PrivateKeyReady> KeyReady { get; private set; } = null!;
    public Event<PrivateKeyGenerationFailed> KeyFailed { get; private set; } = null!;
    public Event<RetryIssuance> Retry { get; private set; } = null!;
    public Event<CertificateRequestApproved> Approved { get; private set; } = null!;
    public Event<CertificateRequestDenied> Denied { get; private set; } = null!;
    public Event<AcmeOrderCompleted> OrderCompleted { get; private set; } = null!;
    public Event<AcmeOrderFailed> OrderFailed { get; private set; } = null!;

    static void Identify(IssuanceState saga, string @namespace, string name, Guid certificateUid, int revision, TimeProvider time)
    {
        saga.Namespace = @namespace;
        saga.Name = name;
        saga.CertificateUid = certificateUid;
        saga.Revision = revision;
        saga.StartedAt = time.GetUtcNow();
    }

    /// <summary>The state the workflow's outcome for this step calls for.</summary>
    EventActivityBinder<IssuanceState, T> Route<T>(EventActivityBinder<IssuanceState, T> binder) where T : class =>
        binder.IfElse(context => context.Saga.Outcome == IssuanceOutcome.WaitingForApproval,
            approval => approval.TransitionTo(WaitingForApproval),
            other => other.IfElse(context => context.Saga.Outcome == IssuanceOutcome.WaitingForIssuer,
                issuer => issuer.TransitionTo(WaitingForIssuer),
                other => other.IfElse(context => context.Saga.Outcome == IssuanceOutcome.WaitingForOrder,
                    order => order.TransitionTo(WaitingForOrder),
                    other => other.IfElse(context => context.Saga.Outcome == IssuanceOutcome.Issued,
                        issued => issued.TransitionTo(Issued),
                        failed => failed.TransitionTo(Failed)))));
}
