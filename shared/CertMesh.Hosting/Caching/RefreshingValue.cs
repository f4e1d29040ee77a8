namespace CertMesh.Hosting.Caching;

/// <summary>
/// A value read from the database and kept for <c>refreshAfter</c>: the small, rarely written sets every message
/// consults (principals and bindings, approval policies) cost no query per message, and a change holds everywhere within
/// that time. No caller ever gets a value older than that: once it expires, callers wait for the one reader instead.
/// </summary>
public sealed class RefreshingValue<T>(Func<CancellationToken, Task<T>> read, TimeSpan refreshAfter, TimeProvider time) where T : class
{
    readonly SemaphoreSlim _reload = new(1, 1);
    volatile Entry? _current;
    int _invalidations;

    sealed record Entry(T Value, DateTimeOffset ReadAt);

    public async ValueTask<T> CurrentAsync(CancellationToken cancellationToken)
    {
        if (Fresh(_current) is { } cached)
            return cached;
        await _reload.WaitAsync(cancellationToken);
        try
        {
            // Another caller may have read it while this one waited.
            if (Fresh(_current) is { } fresh)
                return fresh;
            var readAt = time.GetUtcNow();
            var invalidations = Volatile.Read(ref _invalidations);
            var value = await read(cancellationToken);
            // A change made while this read ran may be missing from it: serve it to this caller, keep it for nobody.
            if (Volatile.Read(ref _invalidations) == invalidations)
                _current = new Entry(value, readAt);
            return value;
        }
        finally
        {
            _reload.Release();
        }
    }

    /// <summary>This process just changed what the value is read from: the next call reads again.</summary>
    public void Invalidate()
    {
        Interlocked.Increment(ref _invalidations);
        _current = null;
    }

    T? Fresh(Entry? entry) => entry is not null && time.GetUtcNow() - entry.ReadAt < refreshAfter ? entry.Value : null;
}
