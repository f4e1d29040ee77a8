using System.Diagnostics;

namespace CertMesh.Bench.Infrastructure;

/// <summary>
/// Open-loop pacing: call <c>publish(i, due)</c> at <c>due = start + i / rate</c>, whether or not earlier calls have
/// completed, so a slow system does not slow the offered load (no coordinated omission). Only when
/// <c>maxInFlight</c> calls are still awaiting does the next one wait for a free slot; it then starts behind schedule,
/// and the lag is reported. A late wake-up publishes everything due at once, so the schedule is kept on average.
/// </summary>
internal static class PacedPublisher
{
    /// <summary>How far behind its scheduled time a publish started: the largest lag, and how many were late by more than <see cref="LateThreshold"/>.</summary>
    public sealed record Pacing(TimeSpan PublishTime, TimeSpan MaxLag, int Late, int CapWaits);

    public static readonly TimeSpan LateThreshold = TimeSpan.FromMilliseconds(10);

    public static async Task<Pacing> RunAsync(int count, double rate, int maxInFlight, Func<int, long, Task> publish, CancellationToken cancellationToken)
    {
        // Not disposed: a publish still awaiting when cancellation ends the loop releases it afterwards.
        var inFlight = new SemaphoreSlim(maxInFlight);
        var pending = new List<Task>(count);
        var start = Stopwatch.GetTimestamp();
        long maxLag = 0;
        int late = 0, capWaits = 0;
        for (var i = 0; i < count; i++)
        {
            var due = start + (long)(i * (double)Stopwatch.Frequency / rate);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.Zero)
                await Task.Delay(wait, cancellationToken);
            if (!inFlight.Wait(0))
            {
                capWaits++;
                await inFlight.WaitAsync(cancellationToken);
            }
            var lag = Stopwatch.GetTimestamp() - due;
            maxLag = Math.Max(maxLag, lag);
            if (Stopwatch.GetElapsedTime(due) > LateThreshold)
                late++;
            pending.Add(PublishOneAsync(i, due));
        }
        await Task.WhenAll(pending);
        return new Pacing(Stopwatch.GetElapsedTime(start), TimeSpan.FromSeconds(Math.Max(0, maxLag) / (double)Stopwatch.Frequency), late, capWaits);

        async Task PublishOneAsync(int index, long due)
        {
            try
            {
                await publish(index, due);
            }
            finally
            {
                inFlight.Release();
            }
        }
    }
}
