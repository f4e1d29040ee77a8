using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Nodes;
using CertMesh.Domain.Resources;
using CertMesh.Persistence.Database;
using Npgsql;
using NpgsqlTypes;

namespace CertMesh.Persistence.Resources;

/// <summary>
/// Resources as JSONB documents keyed by kind, namespace and name. Every write bumps
/// <c>resourceVersion</c>; an update naming a stale version fails instead of overwriting.
/// <c>due_at</c> is when the owner wants to look at the resource again (renewal, back-off).
/// </summary>
public sealed class ResourceStore(UnitOfWork unit)
{
    public async Task<Stored<T>?> GetAsync<T>(ResourceKey key, CancellationToken cancellationToken, bool forUpdate = false)
    {
        await using var command = unit.Command(
            "SELECT resource_version, doc, due_at FROM resources WHERE kind = @kind AND namespace = @ns AND name = @name" +
            (forUpdate ? " FOR UPDATE" : ""));
        AddKey(command, key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
            return null;
        return Read<T>(reader);
    }

    public async Task<IReadOnlyList<Stored<T>>> ListAsync<T>(string kind, string? @namespace, CancellationToken cancellationToken)
    {
        await using var command = unit.Command(
            "SELECT resource_version, doc, due_at FROM resources WHERE kind = @kind AND (@ns::text IS NULL OR namespace = @ns) ORDER BY namespace, name");
        command.Parameters.AddWithValue("kind", kind);
        command.Parameters.AddWithValue("ns", NpgsqlDbType.Text, (object?)@namespace ?? DBNull.Value);
        var result = new List<Stored<T>>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            result.Add(Read<T>(reader));
        return result;
    }

    /// <summary>
    /// Locks and returns resources of <paramref name="kind"/> due at or before <paramref name="now"/>, oldest first.
    /// Rows another transaction holds are skipped, so replicas sweeping at once split the work.
    /// </summary>
    public async Task<IReadOnlyList<ResourceKey>> ClaimDueAsync(string kind, DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        await using var command = unit.Command(
            "SELECT namespace, name FROM resources WHERE kind = @kind AND due_at IS NOT NULL AND due_at <= @now ORDER BY due_at LIMIT @limit FOR UPDATE SKIP LOCKED");
        command.Parameters.AddWithValue("kind", kind);
        command.Parameters.AddWithValue("now", now.UtcDateTime);
        command.Parameters.AddWithValue("limit", limit);
        var keys = new List<ResourceKey>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            keys.Add(new ResourceKey(kind, reader.GetString(0), reader.GetString(1)));
        return keys;
    }

    /// <returns>the new resource version (1).</returns>
    public async Task<long> CreateAsync<T>(ResourceKey key, Guid uid, T document, DateTimeOffset? dueAt, CancellationToken cancellationToken)
    {
        await using var command = unit.Command("""
            INSERT INTO resources (kind, namespace, name, uid, resource_version, doc, due_at)
            VALUES (@kind, @ns, @name, @uid, 1, @doc, @due)
            ON CONFLICT DO NOTHING
            """);
        AddKey(command, key);
        command.Parameters.AddWithValue("uid", uid);
        command.Parameters.AddWithValue("doc", NpgsqlDbType.Jsonb, Serialize(document, 1));
        AddDue(command, dueAt);
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
            throw new ResourceConflictException(key.Kind, key.Namespace, key.Name, "already exists");
        return 1;
    }

    /// <returns>the new resource version.</returns>
    public async Task<long> UpdateAsync<T>(ResourceKey key, T document, long expectedVersion, DateTimeOffset? dueAt, CancellationToken cancellationToken)
    {
        var next = expectedVersion + 1;
        await using var command = unit.Command("""
            UPDATE resources SET resource_version = @next, doc = @doc, due_at = @due, updated_at = now()
            WHERE kind = @kind AND namespace = @ns AND name = @name AND resource_version = @expected
            """);
        AddKey(command, key);
        command.Parameters.AddWithValue("next", next);
        command.Parameters.AddWithValue("expected", expectedVersion);
        command.Parameters.AddWithValue("doc", NpgsqlDbType.Jsonb, Serialize(document, next));
        AddDue(command, dueAt);
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
            throw new ResourceConflictException(key.Kind, key.Namespace, key.Name, $"the object has been modified (expected resourceVersion {expectedVersion})");
        return next;
    }

    /// <summary>Creates the resource or overwrites whatever is stored under its key; for documents their owner writes whole.</summary>
    /// <returns>the new resource version.</returns>
    public async Task<long> ReplaceAsync<T>(ResourceKey key, Guid uid, T document, CancellationToken cancellationToken)
    {
        await using var command = unit.Command("""
            INSERT INTO resources AS r (kind, namespace, name, uid, resource_version, doc, due_at)
            VALUES (@kind, @ns, @name, @uid, 1, @doc, NULL)
            ON CONFLICT (kind, namespace, name) DO UPDATE
            SET uid = EXCLUDED.uid,
                resource_version = r.resource_version + 1,
                doc = jsonb_set(EXCLUDED.doc, '{metadata,resourceVersion}', to_jsonb(r.resource_version + 1)),
                due_at = NULL,
                updated_at = now()
            RETURNING resource_version
            """);
        AddKey(command, key);
        command.Parameters.AddWithValue("uid", uid);
        command.Parameters.AddWithValue("doc", NpgsqlDbType.Jsonb, Serialize(document, 1));
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<bool> DeleteAsync(ResourceKey key, CancellationToken cancellationToken)
    {
        await using var command = unit.Command("DELETE FROM resources WHERE kind = @kind AND namespace = @ns AND name = @name");
        AddKey(command, key);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>
    /// Deletes every resource of <paramref name="kind"/> in <paramref name="namespace"/> that belongs to Certificate
    /// <paramref name="certificateName"/>, whatever its revision, with their events, through the index Schema made for that
    /// kind (one statement for the resources, one for their events): the cost is that certificate's resources, not its namespace's. <paramref name="kind"/>
    /// is one of <see cref="ResourceKinds.CertificateRequest"/>, <see cref="ResourceKinds.Order"/> and
    /// <see cref="ResourceKinds.Challenge"/>.
    /// </summary>
    /// <returns>the keys of the deleted resources.</returns>
    public async Task<IReadOnlyList<ResourceKey>> DeleteOwnedByCertificateAsync(string kind, string @namespace, string certificateName, CancellationToken cancellationToken)
    {
        if (!DeleteOwnedByCertificateSql.TryGetValue(kind, out var sql))
            throw new ArgumentException($"no index finds the {kind} resources of a certificate", nameof(kind));
        var names = new List<string>();
        await using (var command = unit.Command(sql))
        {
            command.Parameters.AddWithValue("ns", @namespace);
            command.Parameters.AddWithValue("certificate", certificateName);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
                names.Add(reader.GetString(0));
        }
        await unit.Events.DeleteAsync(kind, @namespace, [.. names], cancellationToken);
        return names.Select(name => new ResourceKey(kind, @namespace, name)).ToList();
    }

    // Per kind, the certificate's name as each index (Schema versions 10 and 11) computes it. The kind and the expression
    // are spliced in as literals, the same as the index's predicate and expression, so every plan can use the index.
    internal static readonly FrozenDictionary<string, string> DeleteOwnedByCertificateSql = new Dictionary<string, string>
    {
        [ResourceKinds.CertificateRequest] = "doc -> 'metadata' -> 'labels' ->> 'cert-manager.io/certificate-name'",
        [ResourceKinds.Order] = "doc -> 'spec' ->> 'certificateName'",
        // The label since version 11; before it, the prefix of the order's name, <certificate>-<revision>-<hash>.
        [ResourceKinds.Challenge] = """
            coalesce(doc -> 'metadata' -> 'labels' ->> 'cert-manager.io/certificate-name',
                     substring(doc -> 'spec' ->> 'orderName' from '^(.*)-[0-9]+-[0-9]+$'))
            """,
    }.ToFrozenDictionary(
        pair => pair.Key,
        pair => $"DELETE FROM resources WHERE kind = '{pair.Key}' AND namespace = @ns AND {pair.Value} = @certificate RETURNING name");

    static Stored<T> Read<T>(NpgsqlDataReader reader)
    {
        var version = reader.GetInt64(0);
        using var doc = reader.GetFieldValue<JsonDocument>(1);
        var value = doc.Deserialize<T>(Json.Options) ?? throw new InvalidDataException("stored document is null");
        DateTimeOffset? due = reader.IsDBNull(2) ? null : new DateTimeOffset(reader.GetDateTime(2), TimeSpan.Zero);
        return new Stored<T>(value, version, due);
    }

    // resourceVersion lives in the column; it is copied into metadata so a document read back is self-describing.
    static string Serialize<T>(T document, long version)
    {
        var node = JsonSerializer.SerializeToNode(document, Json.Options)!;
        if (node["metadata"] is JsonObject metadata)
            metadata["resourceVersion"] = version;
        return node.ToJsonString(Json.Options);
    }

    static void AddKey(NpgsqlCommand command, ResourceKey key)
    {
        command.Parameters.AddWithValue("kind", key.Kind);
        command.Parameters.AddWithValue("ns", key.Namespace);
        command.Parameters.AddWithValue("name", key.Name);
    }

    static void AddDue(NpgsqlCommand command, DateTimeOffset? dueAt) =>
        command.Parameters.AddWithValue("due", NpgsqlDbType.TimestampTz, (object?)dueAt?.UtcDateTime ?? DBNull.Value);
}
