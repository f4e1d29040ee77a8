using MassTransit;

namespace CertMesh.Issuing.Sagas;

/// <summary>One revision's issuance. Kept after it ends, so a redelivered request finds it and does nothing.</summary>
public sealed class IssuanceState : SagaStateMachineInstance, ISagaVersion
{
    public Guid CorrelationId { get; set; }
    public int Version { get; set; }
    public string CurrentState { get; set; } = "";
    public string Namespace { get; set; } = "";
    public string Name { get; set; } = "";
    public Guid CertificateUid { get; set; }
    public int Revision { get; set; }
    public string? KeySecretName { get; set; }
    public IssuanceOutcome Outcome { get; set; }
    public string? FailureReason { get; set; }
    public int IssuerWaits { get; set; }
    /// <summary>The person who approved or denied the request by hand (the Api principal); null when a policy or the default did.</summary>
    public string? DecidedBy { get; set; }
    public DateTimeOffset StartedAt { get; set; }
}

/// <summary>Where a step of the saga left the revision; <see cref="IssuanceStateMachine.StateAfter"/> maps it to a state.</summary>
public enum IssuanceOutcome
{
    Pending,
    WaitingForIssuer,
    WaitingForOrder,
    Issued,
    Failed,
    /// <summary>No policy selected the request and the default is to wait: a person approves or denies it.</summary>
    WaitingForApproval,
}
