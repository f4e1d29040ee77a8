namespace CertMesh.ChallengeSolver.Scheduling;

/// <summary>
/// Wakes this replica's scheduler when it enqueued or released a challenge itself, so a free slot is filled at
/// once; other replicas' releases are seen by the scheduler's short poll.
/// </summary>
internal sealed class SchedulerSignal
{
    readonly SemaphoreSlim _semaphore = new(0, 1);

    public void Notify()
    {
        try { _semaphore.Release(); }
        catch (SemaphoreFullException) { } // already signalled: one wake-up covers every change before it
    }

    /// <returns>true when woken by <see cref="Notify"/>, false when <paramref name="timeout"/> passed.</returns>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _semaphore.WaitAsync(timeout, cancellationToken);
}
