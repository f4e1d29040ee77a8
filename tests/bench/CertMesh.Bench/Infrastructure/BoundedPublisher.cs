namespace CertMesh.Bench.Infrastructure;

/// <summary>Runs <c>publish(0..count-1)</c> with at most <c>concurrency</c> calls awaiting at once, as fast as they complete.</summary>
internal static class BoundedPublisher
{
    public static Task RunAsync(int count, int concurrency, Func<int, Task> publish, CancellationToken cancellationToken)
    {
        var next = -1;
        var workers = Enumerable.Range(0, Math.Min(concurrency, count)).Select(async _ =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < count)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await publish(index);
            }
        });
        return Task.WhenAll(workers.ToArray());
    }
}
