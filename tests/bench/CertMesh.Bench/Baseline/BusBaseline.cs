using System.Diagnostics;
using CertMesh.Bench.Infrastructure;
using MassTransit;

namespace CertMesh.Bench.Baseline;

/// <summary>
/// The ceiling any MassTransit service on this broker and machine can reach: a throwaway bus publishes small
/// messages as fast as it can and consumes them itself (same prefetch as the services). Its queue and message
/// exchange are the run's own and auto-delete, so the services never see them.
/// </summary>
internal static class BusBaseline
{
    const int ServicePrefetch = 64;

    public static async Task<BaselineResult> MeasureAsync(BusConnection connection, string runId, int messages, int concurrency, CancellationToken cancellationToken)
    {
        var warmup = Math.Min(500, Math.Max(1, messages / 20));
        var consumed = 0;
        var warmedUp = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var allConsumed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var bus = connection.CreateBus(cfg =>
        {
            cfg.Publish<BaselinePing>(p =>
            {
                p.Durable = false;
                p.AutoDelete = true;
            });
            cfg.ReceiveEndpoint($"{runId}-baseline", e =>
            {
                e.Durable = false;
                e.AutoDelete = true;
                e.PrefetchCount = ServicePrefetch;
                e.Handler<BaselinePing>(_ =>
                {
                    var seen = Interlocked.Increment(ref consumed);
                    if (seen == warmup)
                        warmedUp.TrySetResult();
                    if (seen == warmup + messages)
                        allConsumed.TrySetResult();
                    return Task.CompletedTask;
                });
            });
        });

        await bus.StartAsync(cancellationToken);
        try
        {
            // Warm-up: channels, topology and JIT, not counted.
            await BoundedPublisher.RunAsync(warmup, concurrency, i => Ping(bus, i, cancellationToken), cancellationToken);
            await warmedUp.Task.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);

            var start = Stopwatch.GetTimestamp();
            await BoundedPublisher.RunAsync(messages, concurrency, i => Ping(bus, warmup + i, cancellationToken), cancellationToken);
            var published = Stopwatch.GetElapsedTime(start);
            await allConsumed.Task.WaitAsync(TimeSpan.FromSeconds(Math.Max(60, messages / 100.0)), cancellationToken);
            return new BaselineResult(messages, concurrency, published, Stopwatch.GetElapsedTime(start));
        }
        finally
        {
            await bus.StopAsync(CancellationToken.None);
        }
    }

    static Task Ping(IBus bus, int sequence, CancellationToken cancellationToken) =>
        bus.Publish(new BaselinePing { Sequence = sequence, SentAt = DateTimeOffset.UtcNow }, cancellationToken);
}
