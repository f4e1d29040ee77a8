using CertMesh.Contracts.Acme;
using CertMesh.Contracts.Issuance;
using MassTransit;

namespace CertMesh.Issuing.Sagas;

/// <summary>
/// One revision's issuance, from Trigger's request to its outcome. Every state and every transition is below:
/// <code>
/// (start) ──CertificateIssuanceRequested──► GeneratingKey ──PrivateKeyReady──► sign ─┐      (a supplied CSR signs at once)
/// GeneratingKey ──PrivateKeyGenerationFailed | Fault&lt;GeneratePrivateKey&gt;──► Failed
/// sign ─► WaitingForApproval  (no policy selects the request and the default is to wait)
///      ─► WaitingForIssuer    (issuer not ready: RetryIssuance is scheduled, the saga's own timeout)
///      ─► WaitingForOrder     (ACME issuer: CreateAcmeOrder sent to AcmeOrder)
///      ─► Issued | Failed
/// WaitingForApproval ──CertificateRequestApproved──► sign     ──CertificateRequestDenied──► Failed
/// WaitingForIssuer   ──RetryIssuance (this wait's)──► sign
/// WaitingForOrder    ──AcmeOrderCompleted──► Issued | Failed  ──AcmeOrderFailed | Fault&lt;CreateAcmeOrder&gt;──► Failed
/// </code>
/// The steps' work is <see cref="IIssuanceSteps"/>; each runs inside the saga repository's transaction, so the state
/// change, the request, the Secret and the outgoing messages commit together. The outcome is announced to Trigger
/// (<see cref="IssuanceSucceeded"/> or <see cref="IssuanceFailed"/>), which alone writes the Certificate. Ended
/// instances stay, so a redelivered message finds them and changes nothing.
/// </summary>
public sealed class IssuanceStateMachine : MassTransitStateMachine<IssuanceState>
{
    public IssuanceStateMachine(IIssuanceSteps steps, TimeProvider time)
    {
        InstanceState(x => x.CurrentState);

        Event(() => Requested, e => e.CorrelateById(m => m.Message.IssuanceId));
        Event(() => KeyReady, e => Late(e, m => m.Message.IssuanceId));
        Event(() => KeyFailed, e => Late(e, m => m.Message.IssuanceId));
        Event(() => KeyFaulted, e => Late(e, m => m.Message.Message.IssuanceId));
        Event(() => IssuerWaitElapsed, e => Late(e, m => m.Message.IssuanceId));
        Event(() => Approved, e => Late(e, m => m.Message.IssuanceId));
        Event(() => Denied, e => Late(e, m => m.Message.IssuanceId));
        Event(() => OrderCompleted, e => Late(e, m => m.Message.IssuanceId));
        Event(() => OrderFailed, e => Late(e, m => m.Message.IssuanceId));
        Event(() => OrderFaulted, e => Late(e, m => m.Message.Message.IssuanceId));

        Initially(
            When(Requested, context => context.Message.HasCsr)
                .Then(context => Identify(context.Saga, context.Message, time))
                .ThenAsync(context => steps.IssueAsync(context, context.Saga))
                .TransitionToOutcome(this),
            When(Requested, context => !context.Message.HasCsr)
                .Then(context => Identify(context.Saga, context.Message, time))
                .ThenAsync(context => steps.RequestKeyAsync(context, context.Saga, context.Message))
                .TransitionTo(GeneratingKey));

        During(GeneratingKey,
            When(KeyReady)
                .Then(context => context.Saga.KeySecretName = context.Message.KeySecretName)
                .ThenAsync(context => steps.IssueAsync(context, context.Saga))
                .TransitionToOutcome(this),
            When(KeyFailed)
                .ThenAsync(context => steps.FailAsync(context, context.Saga, context.Message.Reason, context.Message.Message))
                .TransitionTo(Failed),
            When(KeyFaulted)
                .ThenAsync(context => steps.FailAsync(context, context.Saga, "KeyGenerationFailed", FaultMessage("KeyManager", context.Message)))
                .TransitionTo(Failed));

        During(WaitingForApproval,
            When(Approved)
                .ThenAsync(context => steps.ApproveAsync(context, context.Saga, context.Message))
                .TransitionToOutcome(this),
            When(Denied)
                .ThenAsync(context => steps.DenyAsync(context, context.Saga, context.Message))
                .TransitionToOutcome(this));

        During(WaitingForIssuer,
            // Only this wait's timeout: one scheduled by an earlier wait that arrives late is ignored.
            When(IssuerWaitElapsed, context => context.Message.Attempt == context.Saga.IssuerWaits)
                .ThenAsync(context => steps.IssueAsync(context, context.Saga))
                .TransitionToOutcome(this));

        During(WaitingForOrder,
            When(OrderCompleted)
                .ThenAsync(context => steps.CompleteOrderAsync(context, context.Saga, context.Message))
                .TransitionToOutcome(this),
            When(OrderFailed)
                .ThenAsync(context => steps.FailOrderAsync(context, context.Saga, context.Message))
                .TransitionTo(Failed),
            When(OrderFaulted)
                .ThenAsync(context => steps.FailAsync(context, context.Saga, "OrderFailed", FaultMessage("AcmeOrder", context.Message)))
                .TransitionTo(Failed));

        // A redelivered, duplicate or late message, or a person's second decision, changes nothing.
        DuringAny(Ignore(Requested), Ignore(IssuerWaitElapsed));
        During(GeneratingKey, Ignore(Approved), Ignore(Denied), Ignore(OrderCompleted), Ignore(OrderFailed), Ignore(OrderFaulted));
        During(WaitingForApproval, Ignore(KeyReady), Ignore(KeyFailed), Ignore(KeyFaulted), Ignore(OrderCompleted), Ignore(OrderFailed), Ignore(OrderFaulted));
        During(WaitingForIssuer, Ignore(KeyReady), Ignore(KeyFailed), Ignore(KeyFaulted), Ignore(Approved), Ignore(Denied), Ignore(OrderCompleted), Ignore(OrderFailed), Ignore(OrderFaulted));
        During(WaitingForOrder, Ignore(KeyReady), Ignore(KeyFailed), Ignore(KeyFaulted), Ignore(Approved), Ignore(Denied));
        During(Issued, Failed, Ignore(KeyReady), Ignore(KeyFailed), Ignore(KeyFaulted), Ignore(Approved), Ignore(Denied),
            Ignore(OrderCompleted), Ignore(OrderFailed), Ignore(OrderFaulted));
    }

    public State GeneratingKey { get; private set; } = null!;
    public State WaitingForApproval { get; private set; } = null!;
    public State WaitingForIssuer { get; private set; } = null!;
    public State WaitingForOrder { get; private set; } = null!;
    public State Issued { get; private set; } = null!;
    public State Failed { get; private set; } = null!;

    public Event<CertificateIssuanceRequested> Requested { get; private set; } = null!;
    public Event<PrivateKeyReady> KeyReady { get; private set; } = null!;
    public Event<PrivateKeyGenerationFailed> KeyFailed { get; private set; } = null!;
    public Event<Fault<GeneratePrivateKey>> KeyFaulted { get; private set; } = null!;
    public Event<RetryIssuance> IssuerWaitElapsed { get; private set; } = null!;
    public Event<CertificateRequestApproved> Approved { get; private set; } = null!;
    public Event<CertificateRequestDenied> Denied { get; private set; } = null!;
    public Event<AcmeOrderCompleted> OrderCompleted { get; private set; } = null!;
    public Event<AcmeOrderFailed> OrderFailed { get; private set; } = null!;
    public Event<Fault<CreateAcmeOrder>> OrderFaulted { get; private set; } = null!;

    /// <summary>The state a signing step's outcome leads to: every outcome a step can reach, and where it goes.</summary>
    public State StateAfter(IssuanceOutcome outcome) => outcome switch
    {
        IssuanceOutcome.WaitingForApproval => WaitingForApproval,
        IssuanceOutcome.WaitingForIssuer => WaitingForIssuer,
        IssuanceOutcome.WaitingForOrder => WaitingForOrder,
        IssuanceOutcome.Issued => Issued,
        IssuanceOutcome.Failed => Failed,
        _ => throw new InvalidOperationException($"an issuance step ended without an outcome ({outcome})"),
    };

    // Only the request starts an issuance; anything else for an unknown one (deleted with its namespace, say) is dropped.
    static void Late<T>(IEventCorrelationConfigurator<IssuanceState, T> e, Func<ConsumeContext<T>, Guid> id) where T : class
    {
        e.CorrelateById(id);
        e.OnMissingInstance(m => m.Discard());
    }

    static void Identify(IssuanceState saga, CertificateIssuanceRequested message, TimeProvider time)
    {
        saga.Namespace = message.Namespace;
        saga.Name = message.Name;
        saga.CertificateUid = message.CertificateUid;
        saga.Revision = message.Revision;
        saga.StartedAt = time.GetUtcNow();
    }

    static string FaultMessage<T>(string service, Fault<T> fault) where T : class =>
        $"{service} could not handle the request: {fault.Exceptions.FirstOrDefault()?.Message ?? "unknown error"}";
}

internal static class OutcomeTransitions
{
    /// <summary>Moves the saga to the state its step's outcome calls for (<see cref="IssuanceStateMachine.StateAfter"/>).</summary>
    public static EventActivityBinder<IssuanceState, T> TransitionToOutcome<T>(this EventActivityBinder<IssuanceState, T> binder, IssuanceStateMachine machine)
        where T : class =>
        binder.ThenAsync(context => context.TransitionToState(machine.StateAfter(context.Saga.Outcome)));
}
