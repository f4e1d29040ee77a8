using System.Diagnostics;
using System.Globalization;
using CertMesh.Bench.Floor.Hops;
using CertMesh.Bench.Infrastructure;
using CertMesh.Bench.Resources;
using MassTransit;

namespace CertMesh.Bench.Floor;

/// <summary>
/// Publishes N first hops with bounded concurrency (as the ca mode publishes IssueCertificate) and waits for every
/// chain's last announcement, metering the stack's CPU over that span. A warm-up round goes first, unmeasured: the
/// process is new, and its first thousand hops are mostly the JIT (the stack's services are long past theirs).
/// Returns the exit code: 0 when every chain ended.
/// </summary>
public sealed class FloorBenchmark(IBus bus, ChainTracker tracker, FloorOptions options, TextWriter output)
{
    public const int Hops = 5;
    static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    static readonly ReportUnit Chain = new("chain", "chains", "chain", "FloorChainDone", "done");

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        // Declared before the clock starts, so the first publishes' latency is not the topology's.
        await bus.GetPublishSendEndpoint<FloorHop1>();
        if (options.Warmup > 0)
        {
            var warmup = Stopwatch.GetTimestamp();
            await RoundAsync(options.Warmup, cancellationToken);
            if (tracker.Done < options.Warmup)
            {
                await output.WriteLineAsync($"the warm-up did not finish: {tracker.Done} of {options.Warmup} chains ended within {options.Timeout.TotalSeconds:F0} s");
                return 1;
            }
            await output.WriteLineAsync(string.Create(Invariant, $"warm-up: {options.Warmup} chains in {Stopwatch.GetElapsedTime(warmup).TotalSeconds:F1} s (not measured)"));
        }
        var meter = StackMeter.FromEnvironment(self: "floor");
        await meter.StartAsync(cancellationToken);
        var start = Stopwatch.GetTimestamp();
        await RoundAsync(options.Count, cancellationToken);
        var usage = await meter.StopAsync(cancellationToken);

        var done = tracker.Done;
        var span = done == 0 ? TimeSpan.Zero : Stopwatch.GetElapsedTime(start, tracker.LastDoneAt);
        var latency = new Percentiles(tracker.LatenciesMilliseconds());
        ResourceReport.Write(output, usage, done, Chain);
        var rate = span > TimeSpan.Zero ? done / span.TotalSeconds : 0;
        if (done < options.Count)
            await output.WriteLineAsync($"only {done} of {options.Count} chains ended within {options.Timeout.TotalSeconds:F0} s");
        await output.WriteLineAsync(string.Create(Invariant,
            $"hop-floor: {done} chains of {Hops} transactional hops in {span.TotalSeconds:F1} s = {rate:F1} chains/s ({rate * Hops:F0} hops/s), p50 {latency.At(50):F0} ms, p99 {latency.At(99):F0} ms"));
        return done == options.Count ? 0 : 1;
    }

    /// <summary>Publishes <paramref name="count"/> chains and waits until they all ended, or the timeout.</summary>
    async Task RoundAsync(int count, CancellationToken cancellationToken)
    {
        tracker.StartRound(count);
        var start = Stopwatch.GetTimestamp();
        await BoundedPublisher.RunAsync(count, options.Concurrency, _ =>
        {
            var chain = NewId.NextGuid();
            tracker.Published(chain);
            return bus.Publish(new FloorHop1 { ChainId = chain, PublishedAt = Stopwatch.GetTimestamp() }, cancellationToken);
        }, cancellationToken);
        var left = options.Timeout - Stopwatch.GetElapsedTime(start);
        try { await tracker.AllDone.WaitAsync(left > TimeSpan.Zero ? left : TimeSpan.Zero, cancellationToken); }
        catch (TimeoutException) { }
    }
}
