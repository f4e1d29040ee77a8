using CertMesh.Domain.Authorization;
using CertMesh.Persistence.Authorization;
using CertMesh.Persistence.Database;

namespace CertMesh.Hosting.Authorization;

/// <summary>
/// The current <see cref="AccessSnapshot"/>, read again once it is <see cref="AccessOptions.RefreshAfter"/> old: checking
/// a call costs no query, and every replica sees a change (a new binding, a revoked token) within that time. No caller
/// ever gets an older snapshot: when it expires, callers wait for the one reader (a single query of a few rows) rather
/// than be answered from what may no longer hold.
/// </summary>
public sealed class AccessCache
{
    readonly Func<CancellationToken, Task<AccessSnapshot>> _read;
    readonly AccessOptions _options;
    readonly TimeProvider _time;
    readonly SemaphoreSlim _reload = new(1, 1);
    volatile Entry? _current;

    sealed record Entry(AccessSnapshot Snapshot, DateTimeOffset ReadAt);

    public AccessCache(CertMeshDatabase database, AccessOptions options, TimeProvider time)
        : this(ct => database.RunAsync(unit => AccessResources.ReadAsync(unit, options.BuiltIns, ct), ct), options, time)
    {
    }

    /// <summary>With any source of snapshots (tests).</summary>
    public AccessCache(Func<CancellationToken, Task<AccessSnapshot>> read, AccessOptions options, TimeProvider time)
    {
        _read = read;
        _options = options;
        _time = time;
    }

    public async ValueTask<AccessSnapshot> CurrentAsync(CancellationToken cancellationToken)
    {
        if (Fresh(_current) is { } snapshot)
            return snapshot;
        await _reload.WaitAsync(cancellationToken);
        try
        {
            // Another caller may have read it while this one waited.
            if (Fresh(_current) is { } fresh)
                return fresh;
            var readAt = _time.GetUtcNow();
            var read = await _read(cancellationToken);
            _current = new Entry(read, readAt);
            return read;
        }
        finally
        {
            _reload.Release();
        }
    }

    /// <summary>This process just changed a principal or binding: the next call reads again.</summary>
    public void Invalidate() => _current = null;

    AccessSnapshot? Fresh(Entry? entry) =>
        entry is not null && _time.GetUtcNow() - entry.ReadAt < _options.RefreshAfter ? entry.Snapshot : null;
}
