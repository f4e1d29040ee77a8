using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CertMesh.Hosting.Metrics.Resources;

/// <summary>
/// Keeps a service's <see cref="IResourceSeries"/> up to date from the resources' change numbers (Schema version 9):
/// one full load when this replica becomes the leader, then every second only the rows written since. One replica per
/// service leads, by a PostgreSQL advisory lock held on a connection of its own — cert-manager exports these series
/// from its single leader-elected controller too, so there are no duplicates across replicas. When the lock's
/// connection is lost the replica forgets the series and another one takes over.
/// </summary>
public sealed partial class ResourceChangeFeed(
    NpgsqlDataSource dataSource,
    IEnumerable<IResourceSeries> series,
    IHostEnvironment environment,
    ResourceFeedOptions options,
    TimeProvider time,
    ILogger<ResourceChangeFeed> logger) : BackgroundService
{
    readonly IResourceSeries[] _series = series.ToArray();

    /// <summary>True while this replica leads the feed and its series are loaded.</summary>
    public bool Leading { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_series.Length == 0 || !options.Enabled)
            return;
        var query = new FeedQuery(_series);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var leadership = await dataSource.OpenConnectionAsync(stoppingToken);
                try
                {
                    if (await TryLeadAsync(leadership, stoppingToken))
                        await LeadAsync(leadership, query, stoppingToken);
                }
                finally
                {
                    await ReleaseAsync(leadership);
                }
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                LogFeedFailed(exception);
            }
            finally
            {
                if (Leading)
                    LogLeadershipEnded();
                Leading = false;
                foreach (var family in _series)
                    family.Clear();
            }
            await Task.Delay(options.LeaderRetry, time, stoppingToken);
        }
    }

    async Task<bool> TryLeadAsync(NpgsqlConnection leadership, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(hashtextextended(@name, 0))", leadership);
        command.Parameters.AddWithValue("name", "certmesh-metrics:" + environment.ApplicationName);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>
    /// Connections go back to the pool without a reset (ServiceDefaults), so the session lock is let go here, or a
    /// pooled connection would keep leadership for a replica that stopped leading. A broken connection lost it anyway.
    /// </summary>
    static async Task ReleaseAsync(NpgsqlConnection leadership)
    {
        try
        {
            await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock_all()", leadership);
            await command.ExecuteNonQueryAsync(CancellationToken.None);
        }
        catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException or ObjectDisposedException)
        {
        }
    }

    async Task LeadAsync(NpgsqlConnection leadership, FeedQuery query, CancellationToken cancellationToken)
    {
        var window = new ChangeWindow(options.Window);
        var loadedAt = await FullLoadAsync(query, window, cancellationToken);
        Leading = true;
        LogLeading(environment.ApplicationName, _series.Length);
        while (!cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(options.Poll, time, cancellationToken);
            // The lock lives as long as its connection: a failed probe means another replica may lead now.
            await using (var probe = new NpgsqlCommand("SELECT 1", leadership))
                await probe.ExecuteScalarAsync(cancellationToken);
            if (time.GetUtcNow() - loadedAt >= options.Resync)
                loadedAt = await FullLoadAsync(query, window, cancellationToken);
            else
                await ReadChangesAsync(query, window, cancellationToken);
        }
    }

    async Task<DateTimeOffset> FullLoadAsync(FeedQuery query, ChangeWindow window, CancellationToken cancellationToken)
    {
        var started = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // The number before the read: whatever is written from here on is read again by the next polls.
        var current = await CurrentNumberAsync(connection, cancellationToken);
        var loads = _series.ToDictionary(family => family, family => family.BeginLoad());
        var count = 0;
        await using (var command = new NpgsqlCommand(query.All, connection))
        {
            command.Parameters.AddWithValue("kinds", query.Kinds);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var resource = query.Name(reader);
                using var document = reader.GetFieldValue<JsonDocument>(4);
                foreach (var family in query.For(resource.Kind))
                    loads[family].Add(resource, document.RootElement);
                count++;
            }
        }
        foreach (var load in loads.Values)
            load.Complete();
        await using (var prune = new NpgsqlCommand("DELETE FROM resource_deletions WHERE deleted_at < now() - interval '1 hour'", connection))
            await prune.ExecuteNonQueryAsync(cancellationToken);
        window.Restart(started, current);
        LogLoaded(count, (time.GetUtcNow() - started).TotalMilliseconds);
        return started;
    }

    async Task ReadChangesAsync(FeedQuery query, ChangeWindow window, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var since = window.Since(now);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var current = await CurrentNumberAsync(connection, cancellationToken);
        var changes = new List<(long Number, ResourceName Resource, JsonDocument? Projected)>();
        try
        {
            await using (var batch = new NpgsqlBatch(connection))
            {
                batch.BatchCommands.Add(new NpgsqlBatchCommand(query.Changed) { Parameters = { new("since", since), new("kinds", query.Kinds) } });
                batch.BatchCommands.Add(new NpgsqlBatchCommand(query.Deleted) { Parameters = { new("since", since), new("kinds", query.Kinds) } });
                await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                    changes.Add((reader.GetInt64(0), query.Name(reader), reader.GetFieldValue<JsonDocument>(4)));
                await reader.NextResultAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                    changes.Add((reader.GetInt64(0), query.Name(reader), null));
            }
            // In number order, so a deletion and a re-creation of one name end as the last of them did.
            foreach (var (_, resource, projected) in changes.OrderBy(c => c.Number))
                foreach (var family in query.For(resource.Kind))
                {
                    if (projected is null)
                        family.Remove(resource);
                    else
                        family.Upsert(resource, projected.RootElement);
                }
        }
        finally
        {
            foreach (var change in changes)
                change.Projected?.Dispose();
        }
        window.Record(now, current);
    }

    static async Task<long> CurrentNumberAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT last_value FROM resource_changes", connection);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Service} leads the resource metrics feed ({Families} families)")]
    partial void LogLeading(string service, int families);

    [LoggerMessage(Level = LogLevel.Information, Message = "This replica no longer leads the resource metrics feed; its resource series are dropped")]
    partial void LogLeadershipEnded();

    [LoggerMessage(Level = LogLevel.Information, Message = "Resource metrics loaded: {Count} resources in {Milliseconds:F0} ms")]
    partial void LogLoaded(int count, double milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Resource metrics feed failed; retrying")]
    partial void LogFeedFailed(Exception exception);

    /// <summary>The statements, built once from the families' projections.</summary>
    sealed class FeedQuery
    {
        readonly Dictionary<string, IResourceSeries[]> _byKind;

        public FeedQuery(IReadOnlyList<IResourceSeries> series)
        {
            _byKind = series.SelectMany(s => s.Kinds.Select(kind => (kind, s)))
                .GroupBy(p => p.kind, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Select(p => p.s).ToArray(), StringComparer.Ordinal);
            Kinds = _byKind.Keys.ToArray();
            // One projection per kind; families sharing a kind share it (their projections are merged as one object).
            var projection = new StringBuilder("CASE kind");
            foreach (var (kind, families) in _byKind)
            {
                var merged = string.Join(" || ", families.Select(f => $"({f.Projection})"));
                projection.Append($" WHEN '{kind}' THEN {merged}");
            }
            projection.Append(" END");
            All = $"SELECT change_seq, kind, namespace, name, {projection} FROM resources WHERE kind = ANY(@kinds)";
            Changed = $"SELECT change_seq, kind, namespace, name, {projection} FROM resources WHERE change_seq > @since AND kind = ANY(@kinds)";
            Deleted = "SELECT change_seq, kind, namespace, name FROM resource_deletions WHERE change_seq > @since AND kind = ANY(@kinds)";
        }

        public string[] Kinds { get; }
        public string All { get; }
        public string Changed { get; }
        public string Deleted { get; }

        /// <summary>The row's name, its kind the one string instance the query knows (not a copy per row).</summary>
        public ResourceName Name(NpgsqlDataReader reader)
        {
            var kind = reader.GetString(1);
            var @namespace = reader.GetString(2);
            return new ResourceName(Array.Find(Kinds, k => k == kind) ?? kind, _namespaces.GetOrAdd(@namespace, @namespace), reader.GetString(3));
        }

        // Many resources share a namespace: their keys share its string too.
        readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _namespaces = new(StringComparer.Ordinal);

        public IReadOnlyList<IResourceSeries> For(string kind) => _byKind.TryGetValue(kind, out var families) ? families : [];
    }
}
