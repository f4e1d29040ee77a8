using System.Text.Json;
using CertMesh.Persistence.Database;
using NpgsqlTypes;

namespace CertMesh.Persistence.Messaging;

/// <summary>
/// Messages to publish once the surrounding transaction commits; a due time turns a row into a scheduled
/// message (the RabbitMQ here has no delayed-message plugin, so PostgreSQL keeps the clock).
/// </summary>
public sealed class Outbox(UnitOfWork unit)
{
    internal int Written { get; private set; }

    public Task PublishAsync<T>(T message, CancellationToken cancellationToken) where T : class =>
        ScheduleAsync(message, null, cancellationToken);

    public async Task ScheduleAsync<T>(T message, DateTimeOffset? dueAt, CancellationToken cancellationToken) where T : class
    {
        await using var command = unit.Command(
            "INSERT INTO outbox (message_id, message_type, body, due_at) VALUES (@id, @type, @body, COALESCE(@due, now()))");
        command.Parameters.AddWithValue("id", Guid.CreateVersion7());
        command.Parameters.AddWithValue("type", MessageTypeName.Of(typeof(T)));
        command.Parameters.AddWithValue("body", NpgsqlDbType.Jsonb, JsonSerializer.Serialize(message, Json.Options));
        command.Parameters.AddWithValue("due", NpgsqlDbType.TimestampTz, (object?)dueAt?.UtcDateTime ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken);
        Written++;
    }
}
