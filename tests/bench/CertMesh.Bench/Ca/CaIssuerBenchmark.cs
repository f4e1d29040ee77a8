using System.Diagnostics;
using CertMesh.Bench.Baseline;
using CertMesh.Bench.Infrastructure;
using CertMesh.Bench.Resources;
using CertMesh.Contracts;
using MassTransit;

namespace CertMesh.Bench.Ca;

/// <summary>
/// CA issuer end to end, as a user sees it: subscribe to CertificateIssued/CertificateIssuanceFailed on a queue of
/// the run's own, publish N IssueCertificate commands with bounded concurrency (or paced at a steady rate), and time
/// each certificate from its publish to its CertificateIssued, metering the stack's CPU over that span. Returns the
/// process exit code: 0 when every certificate was issued in time.
/// </summary>
internal sealed class CaIssuerBenchmark(BusConnection connection, string runId, BenchOptions options, TextWriter output)
{
    const int ReceivePrefetch = 256;
    static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(2);

    public async Task<int> RunAsync(BaselineResult? baseline, CancellationToken cancellationToken)
    {
        var tracker = new IssuanceTracker(runId, options.Count);
        var bus = connection.CreateBus(cfg => cfg.ReceiveEndpoint(connection.QueueName(runId), e =>
        {
            e.Durable = false;
            e.AutoDelete = true;
            e.PrefetchCount = ReceivePrefetch;
            e.Handler<CertificateIssued>(context => Record(tracker.OnIssued, context.Message));
            e.Handler<CertificateIssuanceFailed>(context => Record(tracker.OnFailed, context.Message));
            e.Handler<IssueCertificateRejected>(context => Record(tracker.OnRejected, context.Message));
            e.Handler<CertificateDeleted>(context => Record(tracker.OnDeleted, context.Message));
        }));

        await bus.StartAsync(cancellationToken);
        try
        {
            // Declare the command exchanges now, so the first publishes' latency is not the topology's.
            await bus.GetPublishSendEndpoint<IssueCertificate>();
            await bus.GetPublishSendEndpoint<DeleteCertificate>();
            var result = await IssueAllAsync(bus, tracker, cancellationToken);
            CaReport.WriteDetails(output, options, result, tracker);
            ResourceReport.Write(output, result.Usage, result.Issued);
            if (options.Cleanup)
                await DeleteAllAsync(bus, tracker, cancellationToken);
            else
                await output.WriteLineAsync(CaReport.Kept(runId, tracker.Issued));
            await output.WriteLineAsync(CaReport.LastLine(options, result, baseline));
            return result.Complete ? 0 : 1;
        }
        finally
        {
            await bus.StopAsync(CancellationToken.None);
        }
    }

    async Task<CaRunResult> IssueAllAsync(IBus bus, IssuanceTracker tracker, CancellationToken cancellationToken)
    {
        var meter = StackMeter.FromEnvironment();
        await meter.StartAsync(cancellationToken);
        var start = Stopwatch.GetTimestamp();
        using var progress = new CancellationTokenSource();
        var reporting = ReportProgressAsync(tracker, start, progress.Token);

        var pacing = await PublishAllAsync(bus, tracker, start, cancellationToken);
        var publishTime = Stopwatch.GetElapsedTime(start);

        // A rejected command will never be issued: stop waiting for it.
        while (tracker.Issued + tracker.Rejected < options.Count && Stopwatch.GetElapsedTime(start) < options.IssueTimeout)
            await Task.WhenAny(tracker.AllIssued, Task.Delay(100, cancellationToken));
        var usage = await meter.StopAsync(cancellationToken);

        await progress.CancelAsync();
        await reporting;
        return new CaRunResult(options.Count, publishTime, tracker.Span(), tracker.Issued, new Percentiles(tracker.LatenciesMilliseconds()), usage)
        {
            Pacing = pacing,
            IssuedRate = tracker.IssuedRate(),
        };
    }

    /// <summary>
    /// Paced (--rate): open loop, certificate i at i/R s. Otherwise as fast as the bus accepts them, at most --concurrency
    /// in flight, or one at a time with --sequential. Returns the pacing of a paced run.
    /// </summary>
    async Task<PacedPublisher.Pacing?> PublishAllAsync(IBus bus, IssuanceTracker tracker, long start, CancellationToken cancellationToken)
    {
        Task Publish(int index) => bus.Publish(BenchCertificates.Issue(runId, index, options.Issuer, options.Wildcard), cancellationToken);

        if (options.Rate is { } rate)
            return await PacedPublisher.RunAsync(options.Count, rate, options.Concurrency, (index, due) =>
            {
                tracker.OnPublishing(index, due);
                return Publish(index);
            }, cancellationToken);

        await BoundedPublisher.RunAsync(options.Count, options.Sequential ? 1 : options.Concurrency, async index =>
        {
            tracker.OnPublishing(index);
            await Publish(index);
            // One at a time: the next is published once this one is issued (or rejected, or the run timed out).
            while (options.Sequential && tracker.Issued + tracker.Rejected <= index && Stopwatch.GetElapsedTime(start) < options.IssueTimeout)
                await Task.Delay(20, cancellationToken);
        }, cancellationToken);
        return null;
    }

    async Task ReportProgressAsync(IssuanceTracker tracker, long start, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(ProgressInterval);
        var lastIssued = 0;
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var issued = tracker.Issued;
                await output.WriteLineAsync(CaReport.Progress(Stopwatch.GetElapsedTime(start), tracker, (issued - lastIssued) / ProgressInterval.TotalSeconds));
                lastIssued = issued;
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>With --cleanup: delete the run's certificates (Issuing removes their requests and Secrets after) and wait a while for it.</summary>
    async Task DeleteAllAsync(IBus bus, IssuanceTracker tracker, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        await BoundedPublisher.RunAsync(options.Count, options.Concurrency,
            index => bus.Publish(BenchCertificates.Delete(runId, index), cancellationToken), cancellationToken);
        var timeout = TimeSpan.FromSeconds(Math.Max(30, options.Count / 50.0));
        while (tracker.Deleted < options.Count - tracker.Rejected && Stopwatch.GetElapsedTime(start) < timeout)
            await Task.Delay(200, cancellationToken);
        await output.WriteLineAsync(CaReport.Cleanup(runId, tracker.Deleted, options.Count, Stopwatch.GetElapsedTime(start)));
    }

    static Task Record<T>(Action<T> record, T message)
    {
        record(message);
        return Task.CompletedTask;
    }
}
