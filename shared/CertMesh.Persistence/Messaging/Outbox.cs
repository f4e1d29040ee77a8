using System.Text.Json;
using CertMesh.Persistence.Database;
using Npgsql;
using NpgsqlTypes;

namespace CertMesh.Persistence.Messaging;

/// <summary>
/// Messages to publish once the surrounding transaction commits. They are collected and written in one
/// statement at commit. A due time turns a row into a scheduled message (the RabbitMQ here has no
/// delayed-message plugin, so PostgreSQL keeps the clock).
/// </summary>
public sealed class Outbox
{
    readonly List<(Guid Id, string Type, string Body, DateTime? DueAt)> _pending = [];

    internal int Written { get; private set; }

    public Task PublishAsync<T>(T message, CancellationToken cancellationToken) where T : class =>
        ScheduleAsync(message, null, cancellationToken);

    public Task ScheduleAsync<T>(T message, DateTimeOffset? dueAt, CancellationToken cancellationToken) where T : class
    {
        _pending.Add((Guid.CreateVersion7(), MessageTypeName.Of(typeof(T)), JsonSerializer.Serialize(message, Json.Options), dueAt?.UtcDateTime));
        Written++;
        return Task.CompletedTask;
    }

    /// <summary>The pending messages as one INSERT for the commit batch, or null when there are none.</summary>
    internal NpgsqlBatchCommand? TakeFlushCommand()
    {
        if (_pending.Count == 0)
            return null;
        // Rows without a due time take the database's clock, the one the dispatcher compares against.
        var command = new NpgsqlBatchCommand("""
            INSERT INTO outbox (message_id, message_type, body, due_at)
            SELECT id, type, body, COALESCE(due, now())
            FROM unnest(@ids, @types, @bodies, @dues) AS m(id, type, body, due)
            """);
        command.Parameters.AddWithValue("ids", _pending.Select(m => m.Id).ToArray());
        command.Parameters.AddWithValue("types", _pending.Select(m => m.Type).ToArray());
        command.Parameters.AddWithValue("bodies", NpgsqlDbType.Array | NpgsqlDbType.Jsonb, _pending.Select(m => m.Body).ToArray());
        command.Parameters.AddWithValue("dues", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz, _pending.Select(m => m.DueAt).ToArray());
        _pending.Clear();
        return command;
    }
}
