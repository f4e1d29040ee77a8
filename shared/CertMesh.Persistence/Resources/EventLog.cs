using CertMesh.Domain.Resources;
using CertMesh.Persistence.Database;

namespace CertMesh.Persistence.Resources;

/// <summary>The per-resource history shown by <c>certmesh status</c>, written in the same transaction as the change.</summary>
public sealed class EventLog(UnitOfWork unit)
{
    public async Task RecordAsync(ResourceKey key, string type, string reason, string message, CancellationToken cancellationToken)
    {
        await using var command = unit.Command(
            "INSERT INTO resource_events (kind, namespace, name, type, reason, message, at) VALUES (@kind, @ns, @name, @type, @reason, @message, @at)");
        command.Parameters.AddWithValue("kind", key.Kind);
        command.Parameters.AddWithValue("ns", key.Namespace);
        command.Parameters.AddWithValue("name", key.Name);
        command.Parameters.AddWithValue("type", type);
        command.Parameters.AddWithValue("reason", reason);
        command.Parameters.AddWithValue("message", message);
        command.Parameters.AddWithValue("at", unit.Time.GetUtcNow().UtcDateTime);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public Task NormalAsync(ResourceKey key, string reason, string message, CancellationToken cancellationToken) =>
        RecordAsync(key, EventTypes.Normal, reason, message, cancellationToken);

    public Task WarningAsync(ResourceKey key, string reason, string message, CancellationToken cancellationToken) =>
        RecordAsync(key, EventTypes.Warning, reason, message, cancellationToken);

    public async Task<IReadOnlyList<ResourceEvent>> ListAsync(ResourceKey key, CancellationToken cancellationToken)
    {
        await using var command = unit.Command(
            "SELECT type, reason, message, at FROM resource_events WHERE kind = @kind AND namespace = @ns AND name = @name ORDER BY id");
        command.Parameters.AddWithValue("kind", key.Kind);
        command.Parameters.AddWithValue("ns", key.Namespace);
        command.Parameters.AddWithValue("name", key.Name);
        var events = new List<ResourceEvent>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add(new ResourceEvent
            {
                Type = reader.GetString(0),
                Reason = reader.GetString(1),
                Message = reader.GetString(2),
                Time = new DateTimeOffset(reader.GetDateTime(3), TimeSpan.Zero),
            });
        }
        return events;
    }

    public async Task DeleteAsync(ResourceKey key, CancellationToken cancellationToken)
    {
        await using var command = unit.Command("DELETE FROM resource_events WHERE kind = @kind AND namespace = @ns AND name = @name");
        command.Parameters.AddWithValue("kind", key.Kind);
        command.Parameters.AddWithValue("ns", key.Namespace);
        command.Parameters.AddWithValue("name", key.Name);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
