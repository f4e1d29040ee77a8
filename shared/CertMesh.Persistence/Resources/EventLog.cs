using CertMesh.Domain.Resources;
using CertMesh.Persistence.Database;
using Npgsql;
using NpgsqlTypes;

namespace CertMesh.Persistence.Resources;

/// <summary>
/// The per-resource history shown by <c>certmesh status</c>. Events are collected during the unit of work and
/// written in one statement when it commits: same transaction, one round trip instead of one per event.
/// </summary>
public sealed class EventLog(UnitOfWork unit)
{
    readonly List<(ResourceKey Key, string Type, string Reason, string Message, DateTime At)> _pending = [];

    public Task RecordAsync(ResourceKey key, string type, string reason, string message, CancellationToken cancellationToken)
    {
        _pending.Add((key, type, reason, message, unit.Time.GetUtcNow().UtcDateTime));
        return Task.CompletedTask;
    }

    public Task NormalAsync(ResourceKey key, string reason, string message, CancellationToken cancellationToken) =>
        RecordAsync(key, EventTypes.Normal, reason, message, cancellationToken);

    public Task WarningAsync(ResourceKey key, string reason, string message, CancellationToken cancellationToken) =>
        RecordAsync(key, EventTypes.Warning, reason, message, cancellationToken);

    /// <summary>The pending events as one INSERT for the commit batch, or null when there are none.</summary>
    internal NpgsqlBatchCommand? TakeFlushCommand()
    {
        if (_pending.Count == 0)
            return null;
        var command = new NpgsqlBatchCommand("""
            INSERT INTO resource_events (kind, namespace, name, type, reason, message, at)
            SELECT * FROM unnest(@kinds, @namespaces, @names, @types, @reasons, @messages, @ats)
            """);
        command.Parameters.AddWithValue("kinds", _pending.Select(e => e.Key.Kind).ToArray());
        command.Parameters.AddWithValue("namespaces", _pending.Select(e => e.Key.Namespace).ToArray());
        command.Parameters.AddWithValue("names", _pending.Select(e => e.Key.Name).ToArray());
        command.Parameters.AddWithValue("types", _pending.Select(e => e.Type).ToArray());
        command.Parameters.AddWithValue("reasons", _pending.Select(e => e.Reason).ToArray());
        command.Parameters.AddWithValue("messages", _pending.Select(e => e.Message).ToArray());
        command.Parameters.AddWithValue("ats", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz, _pending.Select(e => e.At).ToArray());
        _pending.Clear();
        return command;
    }

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

    /// <summary>The events of resources <paramref name="names"/> of one kind and namespace, in one statement.</summary>
    internal async Task DeleteAsync(string kind, string @namespace, string[] names, CancellationToken cancellationToken)
    {
        if (names.Length == 0)
            return;
        _pending.RemoveAll(e => e.Key.Kind == kind && e.Key.Namespace == @namespace && names.Contains(e.Key.Name));
        await using var command = unit.Command("DELETE FROM resource_events WHERE kind = @kind AND namespace = @ns AND name = ANY(@names)");
        command.Parameters.AddWithValue("kind", kind);
        command.Parameters.AddWithValue("ns", @namespace);
        command.Parameters.AddWithValue("names", names);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task DeleteAsync(ResourceKey key, CancellationToken cancellationToken)
    {
        _pending.RemoveAll(e => e.Key == key);
        await using var command = unit.Command("DELETE FROM resource_events WHERE kind = @kind AND namespace = @ns AND name = @name");
        command.Parameters.AddWithValue("kind", key.Kind);
        command.Parameters.AddWithValue("ns", key.Namespace);
        command.Parameters.AddWithValue("name", key.Name);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
