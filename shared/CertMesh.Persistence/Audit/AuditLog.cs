using CertMesh.Persistence.Database;
using Npgsql;
using NpgsqlTypes;

namespace CertMesh.Persistence.Audit;

/// <summary>The audit log table: written in batches (one statement per batch), read newest first per namespace.</summary>
public static class AuditLog
{
    /// <summary>Oldest rows go first beyond this many; a flood of refused calls cannot grow the table without bound.</summary>
    public const int MaxRows = 200_000;

    public static async Task WriteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken)
    {
        if (entries.Count == 0)
            return;
        await using var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(InsertCommand(entries));
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>One INSERT of every entry (unnest of arrays), for a batch.</summary>
    internal static NpgsqlBatchCommand InsertCommand(IReadOnlyList<AuditEntry> entries)
    {
        var command = new NpgsqlBatchCommand("""
            INSERT INTO audit_log (at, actor, via, verb, kind, namespace, name, outcome, message)
            SELECT * FROM unnest(@at, @actor, @via, @verb, @kind, @ns, @name, @outcome, @message)
            """);
        command.Parameters.AddWithValue("at", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz, entries.Select(e => e.At.UtcDateTime).ToArray());
        command.Parameters.AddWithValue("actor", entries.Select(e => e.Actor).ToArray());
        command.Parameters.AddWithValue("via", entries.Select(e => e.Via).ToArray());
        command.Parameters.AddWithValue("verb", entries.Select(e => e.Verb).ToArray());
        command.Parameters.AddWithValue("kind", entries.Select(e => e.Kind).ToArray());
        command.Parameters.AddWithValue("ns", entries.Select(e => e.Namespace).ToArray());
        command.Parameters.AddWithValue("name", entries.Select(e => e.Name).ToArray());
        command.Parameters.AddWithValue("outcome", entries.Select(e => e.Outcome).ToArray());
        command.Parameters.AddWithValue("message", entries.Select(e => e.Message).ToArray());
        return command;
    }

    /// <summary>Newest first; <paramref name="namespace"/> null reads every namespace, "" the cluster-scoped entries.</summary>
    public static async Task<IReadOnlyList<AuditEntry>> ListAsync(UnitOfWork unit, string? @namespace, int limit, CancellationToken cancellationToken)
    {
        await using var command = unit.Command("""
            SELECT at, actor, via, verb, kind, namespace, name, outcome, message FROM audit_log
            WHERE @ns::text IS NULL OR namespace = @ns ORDER BY id DESC LIMIT @limit
            """);
        command.Parameters.AddWithValue("ns", NpgsqlDbType.Text, (object?)@namespace ?? DBNull.Value);
        command.Parameters.AddWithValue("limit", limit);
        var entries = new List<AuditEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new AuditEntry(new DateTimeOffset(reader.GetDateTime(0), TimeSpan.Zero), reader.GetString(1), reader.GetString(2),
                reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetString(6), reader.GetString(7), reader.GetString(8)));
        }
        return entries;
    }

    public static async Task PruneAsync(NpgsqlDataSource dataSource, DateTimeOffset olderThan, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            DELETE FROM audit_log WHERE at < @before
               OR id <= (SELECT max(id) FROM audit_log) - @max
            """);
        command.Parameters.AddWithValue("before", olderThan.UtcDateTime);
        command.Parameters.AddWithValue("max", (long)MaxRows);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
