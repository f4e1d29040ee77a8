using Npgsql;

namespace CertMesh.Persistence.Health;

/// <summary>
/// The service_heartbeats table. Times are the database's (<c>now()</c>) on both the writing and the reading side, so
/// the age of a heartbeat is measured on one clock however far apart the services' hosts are.
/// </summary>
public static class ServiceHeartbeats
{
    /// <summary>Records <paramref name="status"/> for the replica and forgets replicas silent for longer than <paramref name="retention"/>, in one round trip.</summary>
    public static async Task BeatAsync(NpgsqlDataSource dataSource, string service, string replica, string status, string detail,
        DateTimeOffset startedAt, TimeSpan retention, CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        var upsert = new NpgsqlBatchCommand("""
            INSERT INTO service_heartbeats (service, replica, status, detail, started_at, seen_at)
            VALUES (@service, @replica, @status, @detail, @started, now())
            ON CONFLICT (service, replica) DO UPDATE
            SET status = excluded.status, detail = excluded.detail, started_at = excluded.started_at, seen_at = excluded.seen_at
            """);
        upsert.Parameters.AddWithValue("service", service);
        upsert.Parameters.AddWithValue("replica", replica);
        upsert.Parameters.AddWithValue("status", status);
        upsert.Parameters.AddWithValue("detail", detail);
        upsert.Parameters.AddWithValue("started", startedAt.UtcDateTime);
        batch.BatchCommands.Add(upsert);
        var prune = new NpgsqlBatchCommand("DELETE FROM service_heartbeats WHERE seen_at < now() - @retention");
        prune.Parameters.AddWithValue("retention", retention);
        batch.BatchCommands.Add(prune);
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Every replica's row, and the database's clock to age them by (one round trip).</summary>
    public static async Task<(IReadOnlyList<Heartbeat> Rows, DateTimeOffset Now)> ReadAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT now()"));
        batch.BatchCommands.Add(new NpgsqlBatchCommand(
            "SELECT service, replica, status, detail, started_at, seen_at FROM service_heartbeats ORDER BY service, replica"));
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var now = Utc(reader.GetDateTime(0));
        await reader.NextResultAsync(cancellationToken);
        var rows = new List<Heartbeat>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new Heartbeat(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                Utc(reader.GetDateTime(4)), Utc(reader.GetDateTime(5))));
        }
        return (rows, now);
    }

    static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
