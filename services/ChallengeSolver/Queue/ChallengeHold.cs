namespace CertMesh.ChallengeSolver.Queue;

/// <summary>
/// A challenge this replica holds: one of the global in-flight slots, valid while its lease (on the database's
/// clock) is live. <c>Attempts</c> counts the row's claims and fences this one: a later claim of the same row,
/// even by the same replica id (a restarted process), is a different hold, and this one can no longer renew,
/// record or release anything. <c>PreviousOwner</c> is set when the row was taken over from an expired lease.
/// </summary>
public sealed record ChallengeHold(
    long QueueId,
    ChallengeWork Work,
    string Replica,
    DateTimeOffset LeaseUntil,
    int Attempts,
    string? PreviousOwner)
{
    /// <summary>The W3C trace context the challenge was queued in (null when it was queued outside any span).</summary>
    public string? TraceParent { get; init; }

    public string? TraceState { get; init; }

    public string Namespace => Work.Namespace;
    public string Name => Work.Name;
}
