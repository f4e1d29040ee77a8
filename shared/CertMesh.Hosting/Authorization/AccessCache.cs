using CertMesh.Domain.Authorization;
using CertMesh.Hosting.Caching;
using CertMesh.Persistence.Authorization;
using CertMesh.Persistence.Database;

namespace CertMesh.Hosting.Authorization;

/// <summary>
/// The current <see cref="AccessSnapshot"/>, read again once it is <see cref="AccessOptions.RefreshAfter"/> old: checking
/// a call costs no query, and every replica sees a change (a new binding, a revoked token) within that time, never later
/// (see <see cref="RefreshingValue{T}"/>).
/// </summary>
public sealed class AccessCache
{
    readonly RefreshingValue<AccessSnapshot> _snapshot;

    public AccessCache(CertMeshDatabase database, AccessOptions options, TimeProvider time)
        : this(ct => database.RunAsync(unit => AccessResources.ReadAsync(unit, options.BuiltIns, ct), ct), options, time)
    {
    }

    /// <summary>With any source of snapshots (tests).</summary>
    public AccessCache(Func<CancellationToken, Task<AccessSnapshot>> read, AccessOptions options, TimeProvider time) =>
        _snapshot = new RefreshingValue<AccessSnapshot>(read, options.RefreshAfter, time);

    public ValueTask<AccessSnapshot> CurrentAsync(CancellationToken cancellationToken) => _snapshot.CurrentAsync(cancellationToken);

    /// <summary>This process just changed a principal or binding: the next call reads again.</summary>
    public void Invalidate() => _snapshot.Invalidate();
}
