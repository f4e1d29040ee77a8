using CertMesh.Domain.Authorization;
using CertMesh.Persistence.Authorization;
using CertMesh.Persistence.Database;

namespace CertMesh.Hosting.Authorization;

/// <summary>
/// The current <see cref="AccessSnapshot"/>, read again at most every <see cref="AccessOptions.RefreshAfter"/>: checking a
/// call costs no query, and every replica sees a change (a new binding, a revoked token) within that time. One reader
/// at a time; callers during a reload get the previous snapshot unless there is none yet.
/// </summary>
public sealed class AccessCache(CertMeshDatabase database, AccessOptions options, TimeProvider time)
{
    readonly SemaphoreSlim _reload = new(1, 1);
    volatile Entry? _current;

    sealed record Entry(AccessSnapshot Snapshot, DateTimeOffset ReadAt);

    public async ValueTask<AccessSnapshot> CurrentAsync(CancellationToken cancellationToken)
    {
        var current = _current;
        if (current is not null && time.GetUtcNow() - current.ReadAt < options.RefreshAfter)
            return current.Snapshot;
        if (current is not null && !_reload.Wait(0))
            return current.Snapshot;
        if (current is null)
            await _reload.WaitAsync(cancellationToken);
        try
        {
            if (_current is { } fresh && time.GetUtcNow() - fresh.ReadAt < options.RefreshAfter)
                return fresh.Snapshot;
            var readAt = time.GetUtcNow();
            var snapshot = await database.RunAsync(unit => AccessResources.ReadAsync(unit, options.BuiltIns, cancellationToken), cancellationToken);
            _current = new Entry(snapshot, readAt);
            return snapshot;
        }
        finally
        {
            _reload.Release();
        }
    }

    /// <summary>This process just changed a principal or binding: the next call reads again.</summary>
    public void Invalidate() => _current = null;
}
