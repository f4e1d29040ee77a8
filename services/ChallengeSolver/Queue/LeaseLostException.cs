namespace CertMesh.ChallengeSolver.Queue;

/// <summary>
/// This replica no longer holds the challenge (its lease expired, perhaps another replica took it over): whatever
/// the transaction was about to record must be rolled back, and the work on it stops.
/// </summary>
public sealed class LeaseLostException(long queueId, string replica)
    : Exception($"replica {replica} no longer holds challenge queue row {queueId} (lease expired or taken over)")
{
    public long QueueId { get; } = queueId;
}
