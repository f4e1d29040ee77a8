using CertMesh.Contracts.Acme;
using CertMesh.Domain.Resources;
using CertMesh.Persistence.Messaging;

namespace CertMesh.ChallengeSolver.Challenges;

/// <summary>
/// How a challenge ended: its final state, the reason shown in its status, the event recorded and the message
/// AcmeOrder receives. Built once at the end, and rebuilt from the stored status when a duplicate SolveChallenge
/// asks again.
/// </summary>
internal sealed record ChallengeOutcome(string State, string FailureReason, string Message)
{
    public bool Solved => State == ChallengeStates.Valid;

    public static ChallengeOutcome Valid { get; } = new(ChallengeStates.Valid, "", "Successfully authorized domain");

    /// <summary>The CA validated and said no; <paramref name="detail"/> is its own words.</summary>
    public static ChallengeOutcome Invalid(string detail) => new(ChallengeStates.Invalid, ChallengeReasons.Failed, detail);

    public static ChallengeOutcome Expired(string detail) => new(ChallengeStates.Expired, ChallengeReasons.Expired, detail);

    public static ChallengeOutcome Errored(string detail) => new(ChallengeStates.Errored, ChallengeReasons.Errored, detail);

    public static ChallengeOutcome NotSupported(string detail) => new(ChallengeStates.Errored, ChallengeReasons.NotSupported, detail);

    /// <summary>The outcome a challenge already in a final state ended with.</summary>
    public static ChallengeOutcome Of(Challenge challenge, bool typeSupported) => challenge.Status.State switch
    {
        ChallengeStates.Valid => Valid,
        ChallengeStates.Invalid => Invalid(challenge.Status.Reason ?? ""),
        ChallengeStates.Expired => Expired(challenge.Status.Reason ?? ""),
        _ when !typeSupported => NotSupported(challenge.Status.Reason ?? ""),
        _ => Errored(challenge.Status.Reason ?? ""),
    };

    /// <summary>The event that records it, as cert-manager words it.</summary>
    public (string Type, string Reason, string Message) Event(Challenge challenge) => State switch
    {
        ChallengeStates.Valid => (EventTypes.Normal, ChallengeReasons.DomainVerified,
            $"Domain \"{challenge.Spec.DnsName}\" verified with \"{challenge.Spec.Type}\" validation"),
        ChallengeStates.Invalid => (EventTypes.Warning, ChallengeReasons.Failed, $"Accepting challenge authorization failed: {Message}"),
        _ when FailureReason == ChallengeReasons.NotSupported => (EventTypes.Warning, ChallengeReasons.NotSupported, Message),
        _ => (EventTypes.Warning, ChallengeReasons.Failed, $"Challenge {State}: {Message}"),
    };

    /// <summary>Puts ChallengeSolved or ChallengeFailed in the unit's outbox: AcmeOrder hears of it only once it is committed.</summary>
    public Task PublishAsync(Outbox outbox, Challenge challenge, CancellationToken cancellationToken) => Solved
        ? outbox.PublishAsync(new ChallengeSolved
        {
            OrderId = challenge.Spec.OrderId,
            Namespace = challenge.Metadata.Namespace,
            OrderName = challenge.Spec.OrderName,
            ChallengeName = challenge.Metadata.Name,
            DnsName = challenge.Spec.DnsName,
        }, cancellationToken)
        : outbox.PublishAsync(new ChallengeFailed
        {
            OrderId = challenge.Spec.OrderId,
            Namespace = challenge.Metadata.Namespace,
            OrderName = challenge.Spec.OrderName,
            ChallengeName = challenge.Metadata.Name,
            DnsName = challenge.Spec.DnsName,
            Reason = FailureReason,
            Message = Message,
        }, cancellationToken);
}
