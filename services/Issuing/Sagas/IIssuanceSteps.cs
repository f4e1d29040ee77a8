using CertMesh.Contracts.Acme;
using CertMesh.Contracts.Issuance;
using MassTransit;

namespace CertMesh.Issuing.Sagas;

/// <summary>
/// The work of each step of <see cref="IssuanceStateMachine"/>. A signing step sets <see cref="IssuanceState.Outcome"/>,
/// which the state machine turns into the next state; a failing step announces <see cref="IssuanceFailed"/>. In the
/// service this is <see cref="Workflow.IssuanceWorkflow"/>, writing through the message's unit of work; the state
/// machine's harness tests script it.
/// </summary>
public interface IIssuanceSteps
{
    /// <summary>Asks KeyManager for the revision's key (<see cref="GeneratePrivateKey"/>).</summary>
    Task RequestKeyAsync(ConsumeContext context, IssuanceState saga, CertificateIssuanceRequested request);

    /// <summary>Creates (or finds) the CertificateRequest, has it approved, and signs it or hands it to the issuer.</summary>
    Task IssueAsync(ConsumeContext context, IssuanceState saga);

    /// <summary>A person approved the waiting request: signs it as <see cref="IssueAsync"/> would have.</summary>
    Task ApproveAsync(ConsumeContext context, IssuanceState saga, CertificateRequestApproved approval);

    /// <summary>A person denied the waiting request: the revision fails (a request already decided is left alone).</summary>
    Task DenyAsync(ConsumeContext context, IssuanceState saga, CertificateRequestDenied denial);

    /// <summary>AcmeOrder's chain: checked against key and spec like any signer's, then stored.</summary>
    Task CompleteOrderAsync(ConsumeContext context, IssuanceState saga, AcmeOrderCompleted completed);

    /// <summary>The order failed; its detail (the CA's own words) lands on the request and the certificate.</summary>
    Task FailOrderAsync(ConsumeContext context, IssuanceState saga, AcmeOrderFailed failed);

    /// <summary>The revision fails for <paramref name="reason"/> before a request could be signed.</summary>
    Task FailAsync(ConsumeContext context, IssuanceState saga, string reason, string message);
}
