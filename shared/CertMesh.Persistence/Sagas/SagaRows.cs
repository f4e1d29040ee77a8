using System.Text.Json;
using CertMesh.Persistence.Database;
using MassTransit;
using NpgsqlTypes;

namespace CertMesh.Persistence.Sagas;

/// <summary>
/// Saga instances as JSONB rows with an integer version. Inserts that lose a race and updates naming a stale
/// version throw <see cref="ConcurrencyException"/>; the endpoint's retry reloads and replays the message.
/// </summary>
internal static class SagaRows
{
    public static string TypeName<TSaga>() => typeof(TSaga).FullName!;

    public static async Task<TSaga?> LoadAsync<TSaga>(UnitOfWork unit, Guid correlationId, CancellationToken cancellationToken)
        where TSaga : class, ISagaVersion
    {
        await using var command = unit.Command("SELECT version, state FROM sagas WHERE saga_type = @type AND correlation_id = @id");
        command.Parameters.AddWithValue("type", TypeName<TSaga>());
        command.Parameters.AddWithValue("id", correlationId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
            return null;
        var version = reader.GetInt32(0);
        using var state = reader.GetFieldValue<JsonDocument>(1);
        var instance = state.Deserialize<TSaga>(Json.Options)!;
        instance.Version = version;
        return instance;
    }

    /// <returns>false when an instance with this id already exists.</returns>
    public static async Task<bool> TryInsertAsync<TSaga>(UnitOfWork unit, TSaga instance, CancellationToken cancellationToken)
        where TSaga : class, ISagaVersion
    {
        instance.Version = 1;
        await using var command = unit.Command(
            "INSERT INTO sagas (saga_type, correlation_id, version, state) VALUES (@type, @id, 1, @state) ON CONFLICT DO NOTHING");
        command.Parameters.AddWithValue("type", TypeName<TSaga>());
        command.Parameters.AddWithValue("id", instance.CorrelationId);
        command.Parameters.AddWithValue("state", NpgsqlDbType.Jsonb, JsonSerializer.Serialize(instance, Json.Options));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public static async Task InsertAsync<TSaga>(UnitOfWork unit, TSaga instance, CancellationToken cancellationToken)
        where TSaga : class, ISagaVersion
    {
        if (!await TryInsertAsync(unit, instance, cancellationToken))
            throw new ConcurrencyException("saga instance was created concurrently", typeof(TSaga), instance.CorrelationId);
    }

    public static async Task UpdateAsync<TSaga>(UnitOfWork unit, TSaga instance, CancellationToken cancellationToken)
        where TSaga : class, ISagaVersion
    {
        var expected = instance.Version;
        instance.Version = expected + 1;
        await using var command = unit.Command(
            "UPDATE sagas SET version = @next, state = @state, updated_at = now() WHERE saga_type = @type AND correlation_id = @id AND version = @expected");
        command.Parameters.AddWithValue("type", TypeName<TSaga>());
        command.Parameters.AddWithValue("id", instance.CorrelationId);
        command.Parameters.AddWithValue("next", expected + 1);
        command.Parameters.AddWithValue("expected", expected);
        command.Parameters.AddWithValue("state", NpgsqlDbType.Jsonb, JsonSerializer.Serialize(instance, Json.Options));
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            instance.Version = expected;
            throw new ConcurrencyException($"saga instance changed since it was loaded (version {expected})", typeof(TSaga), instance.CorrelationId);
        }
    }

    public static async Task DeleteAsync<TSaga>(UnitOfWork unit, TSaga instance, CancellationToken cancellationToken)
        where TSaga : class, ISagaVersion
    {
        await using var command = unit.Command(
            "DELETE FROM sagas WHERE saga_type = @type AND correlation_id = @id AND version = @expected");
        command.Parameters.AddWithValue("type", TypeName<TSaga>());
        command.Parameters.AddWithValue("id", instance.CorrelationId);
        command.Parameters.AddWithValue("expected", instance.Version);
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
            throw new ConcurrencyException("saga instance changed before it could be removed", typeof(TSaga), instance.CorrelationId);
    }
}
