using CertMesh.Persistence.Resources;

namespace CertMesh.Persistence.Database;

/// <summary>
/// Optimistic concurrency in one place: read, change, write naming the version read; when another writer got there
/// first (<see cref="ResourceConflictException"/>) read again and change again, a bounded number of times with a short
/// jittered pause, then let the conflict through.
/// </summary>
/// <remarks>
/// A bus consumer registered with <c>AddTransactionalConsumer</c> rarely needs this: anything it throws rolls its unit
/// back and the bus retry runs the whole handler again on fresh state. Use it where that is not available (an HTTP
/// request) or too costly (a write that follows a call to a CA, which a handler re-run would repeat).
/// </remarks>
public static class ConcurrencyRetry
{
    /// <summary>Attempts in all, the first included.</summary>
    public const int DefaultAttempts = 5;

    /// <summary>
    /// Runs <paramref name="work"/> in a unit of work of its own and commits it; on a conflict the unit is rolled back
    /// and <paramref name="work"/> runs again in a fresh one, so it must read what it decides on inside the unit.
    /// </summary>
    public static Task<T> RunWithRetryAsync<T>(this CertMeshDatabase database, Func<UnitOfWork, Task<T>> work, CancellationToken cancellationToken, int attempts = DefaultAttempts) =>
        RetryAsync(async () =>
        {
            await using var unit = await database.BeginAsync(cancellationToken);
            var result = await work(unit);
            await unit.CommitAsync(cancellationToken);
            return result;
        }, attempts, database.Time, cancellationToken);

    /// <summary>
    /// Reads <paramref name="key"/>, applies <paramref name="mutate"/> (pure: it may run once per attempt) and writes the
    /// result with the version read, in a committed unit of its own. <paramref name="mutate"/> returning its argument
    /// writes nothing; the due time is kept.
    /// </summary>
    /// <returns>the document as written with its new version (<see cref="Stored{T}.ResourceVersion"/>; the document's own
    /// metadata still names the version read), or null when there is no such resource.</returns>
    public static Task<Stored<T>?> UpdateWithRetryAsync<T>(this CertMeshDatabase database, ResourceKey key, Func<T, T> mutate, CancellationToken cancellationToken, int attempts = DefaultAttempts)
        where T : class =>
        database.RunWithRetryAsync(unit => UpdateOnceAsync(unit, key, null, mutate, cancellationToken), cancellationToken, attempts);

    /// <summary>
    /// As <see cref="UpdateWithRetryAsync{T}(CertMeshDatabase, ResourceKey, Func{T, T}, CancellationToken, int)"/>, inside
    /// the caller's unit, which stays open and uncommitted. Reading again in the same transaction is enough: at READ
    /// COMMITTED every statement sees what has committed, and an update that found a newer version waited for its
    /// writer to commit. <paramref name="current"/>, when the caller has just read the resource, saves the first read.
    /// </summary>
    public static Task<Stored<T>?> UpdateWithRetryAsync<T>(this UnitOfWork unit, ResourceKey key, Func<T, T> mutate, CancellationToken cancellationToken, Stored<T>? current = null, int attempts = DefaultAttempts)
        where T : class
    {
        var known = current;
        return RetryAsync(() =>
        {
            var stored = known;
            known = null;
            return UpdateOnceAsync(unit, key, stored, mutate, cancellationToken);
        }, attempts, unit.Time, cancellationToken);
    }

    static async Task<Stored<T>?> UpdateOnceAsync<T>(UnitOfWork unit, ResourceKey key, Stored<T>? stored, Func<T, T> mutate, CancellationToken cancellationToken)
        where T : class
    {
        stored ??= await unit.Resources.GetAsync<T>(key, cancellationToken);
        if (stored is null)
            return null;
        var next = mutate(stored.Document);
        if (ReferenceEquals(next, stored.Document))
            return stored;
        var version = await unit.Resources.UpdateAsync(key, next, stored.ResourceVersion, stored.DueAt, cancellationToken);
        return new Stored<T>(next, version, stored.DueAt);
    }

    static async Task<T> RetryAsync<T>(Func<Task<T>> attempt, int attempts, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempts, 1);
        for (var tried = 1; ; tried++)
        {
            try
            {
                return await attempt();
            }
            catch (ResourceConflictException) when (tried < attempts)
            {
                await Task.Delay(Backoff(tried), time, cancellationToken);
            }
        }
    }

    /// <summary>Full jitter: between 5 ms and 10 ms × 2^<paramref name="tried"/> (20, 40, 80, 160 ms), so writers that
    /// collided once do not collide again in step.</summary>
    internal static TimeSpan Backoff(int tried) => TimeSpan.FromMilliseconds(Random.Shared.Next(5, 10 << Math.Min(tried, 6)));
}
