using CertMesh.ChallengeSolver.Queue;

namespace CertMesh.ChallengeSolver.Scheduling;

/// <summary>
/// A hold being worked on in this process, with the local deadline its lease is trusted until: the time of the
/// last successful claim or renewal plus the lease, measured before the request was sent, so never later than the
/// database's own lease end.
/// </summary>
internal sealed class RunningHold(ChallengeHold hold, CancellationTokenSource cancellation, long confirmedAt, TimeSpan lease, TimeProvider time)
{
    long _deadline = confirmedAt + Ticks(lease, time);
    volatile bool _lost;

    public ChallengeHold Hold { get; } = hold;
    public CancellationTokenSource Cancellation { get; } = cancellation;
    public Task Task { get; set; } = Task.CompletedTask;
    public bool Lost => _lost;

    public void Confirm(long confirmedAt) => Interlocked.Exchange(ref _deadline, confirmedAt + Ticks(lease, time));

    public bool PastDeadline(long now) => now >= Interlocked.Read(ref _deadline);

    /// <summary>Stops the work: the database no longer (or not provably) counts this replica as the holder.</summary>
    public void Lose()
    {
        _lost = true;
        try { Cancellation.Cancel(); }
        catch (ObjectDisposedException) { } // the work already ended
    }

    static long Ticks(TimeSpan span, TimeProvider time) => (long)(span.TotalSeconds * time.TimestampFrequency);
}
