using System.Security.Cryptography;
using System.Text.Json;
using CertMesh.Domain.Resources;
using CertMesh.Persistence.Database;
using CertMesh.Persistence.Resources;
using NpgsqlTypes;

namespace CertMesh.Persistence.Secrets;

/// <summary>Secrets encrypted at rest; metadata (labels, annotations) stays readable so listing needs no key.</summary>
public sealed class SecretStore(UnitOfWork unit, SecretCipher cipher)
{
    public async Task<Stored<Secret>?> GetAsync(string @namespace, string name, CancellationToken cancellationToken)
    {
        await using var command = unit.Command(
            "SELECT resource_version, meta, type, ciphertext FROM secrets WHERE namespace = @ns AND name = @name");
        command.Parameters.AddWithValue("ns", @namespace);
        command.Parameters.AddWithValue("name", name);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
            return null;
        var version = reader.GetInt64(0);
        using var meta = reader.GetFieldValue<JsonDocument>(1);
        var metadata = meta.Deserialize<ObjectMeta>(Json.Options)! with { ResourceVersion = version };
        var plaintext = cipher.Decrypt(reader.GetFieldValue<byte[]>(3), AssociatedData(@namespace, name));
        var data = JsonSerializer.Deserialize<Dictionary<string, byte[]>>(plaintext, Json.Options)!;
        CryptographicOperations.ZeroMemory(plaintext);
        return new Stored<Secret>(new Secret { Metadata = metadata, Type = reader.GetString(2), Data = data }, version, null);
    }

    /// <summary>The secret's current version without decrypting it (null when absent): for caches of parsed secrets.</summary>
    public async Task<long?> GetVersionAsync(string @namespace, string name, CancellationToken cancellationToken)
    {
        await using var command = unit.Command("SELECT resource_version FROM secrets WHERE namespace = @ns AND name = @name");
        command.Parameters.AddWithValue("ns", @namespace);
        command.Parameters.AddWithValue("name", name);
        return await command.ExecuteScalarAsync(cancellationToken) as long?;
    }

    /// <summary>Secret metadata only (no decryption): for listings.</summary>
    public async Task<IReadOnlyList<Secret>> ListMetadataAsync(string? @namespace, CancellationToken cancellationToken)
    {
        await using var command = unit.Command(
            "SELECT resource_version, meta, type FROM secrets WHERE (@ns::text IS NULL OR namespace = @ns) ORDER BY namespace, name");
        command.Parameters.AddWithValue("ns", NpgsqlDbType.Text, (object?)@namespace ?? DBNull.Value);
        var result = new List<Secret>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            using var meta = reader.GetFieldValue<JsonDocument>(1);
            result.Add(new Secret
            {
                Metadata = meta.Deserialize<ObjectMeta>(Json.Options)! with { ResourceVersion = reader.GetInt64(0) },
                Type = reader.GetString(2),
            });
        }
        return result;
    }

    /// <summary>Creates (expectedVersion null) or replaces the secret; a stale version fails.</summary>
    public async Task<long> PutAsync(Secret secret, long? expectedVersion, CancellationToken cancellationToken)
    {
        var ns = secret.Metadata.Namespace;
        var name = secret.Metadata.Name;
        var plaintext = JsonSerializer.SerializeToUtf8Bytes(secret.Data, Json.Options);
        var sealedData = cipher.Encrypt(plaintext, AssociatedData(ns, name));
        CryptographicOperations.ZeroMemory(plaintext);
        var meta = JsonSerializer.Serialize(secret.Metadata with { ResourceVersion = 0 }, Json.Options);

        var sql = expectedVersion is null
            ? "INSERT INTO secrets (namespace, name, resource_version, meta, type, ciphertext) VALUES (@ns, @name, 1, @meta, @type, @data) ON CONFLICT DO NOTHING"
            : "UPDATE secrets SET resource_version = resource_version + 1, meta = @meta, type = @type, ciphertext = @data, updated_at = now() WHERE namespace = @ns AND name = @name AND resource_version = @expected";
        await using var command = unit.Command(sql);
        command.Parameters.AddWithValue("ns", ns);
        command.Parameters.AddWithValue("name", name);
        command.Parameters.AddWithValue("meta", NpgsqlDbType.Jsonb, meta);
        command.Parameters.AddWithValue("type", secret.Type);
        command.Parameters.AddWithValue("data", sealedData);
        if (expectedVersion is not null)
            command.Parameters.AddWithValue("expected", expectedVersion.Value);
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
            throw new ResourceConflictException(ResourceKinds.Secret, ns, name, expectedVersion is null ? "already exists" : "the object has been modified");
        return (expectedVersion ?? 0) + 1;
    }

    /// <summary>
    /// Creates the secret or overwrites its data, keeping the uid and creation time it was first given; for a
    /// Secret written whole by its single owner (the certificate's Secret, written once per revision).
    /// </summary>
    /// <returns>the new resource version.</returns>
    public async Task<long> ReplaceAsync(Secret secret, CancellationToken cancellationToken)
    {
        var ns = secret.Metadata.Namespace;
        var name = secret.Metadata.Name;
        var plaintext = JsonSerializer.SerializeToUtf8Bytes(secret.Data, Json.Options);
        var sealedData = cipher.Encrypt(plaintext, AssociatedData(ns, name));
        CryptographicOperations.ZeroMemory(plaintext);
        await using var command = unit.Command("""
            INSERT INTO secrets AS s (namespace, name, resource_version, meta, type, ciphertext)
            VALUES (@ns, @name, 1, @meta, @type, @data)
            ON CONFLICT (namespace, name) DO UPDATE
            SET resource_version = s.resource_version + 1,
                meta = EXCLUDED.meta || jsonb_strip_nulls(jsonb_build_object('uid', s.meta->'uid', 'creationTimestamp', s.meta->'creationTimestamp')),
                type = EXCLUDED.type,
                ciphertext = EXCLUDED.ciphertext,
                updated_at = now()
            RETURNING resource_version
            """);
        command.Parameters.AddWithValue("ns", ns);
        command.Parameters.AddWithValue("name", name);
        command.Parameters.AddWithValue("meta", NpgsqlDbType.Jsonb, JsonSerializer.Serialize(secret.Metadata with { ResourceVersion = 0 }, Json.Options));
        command.Parameters.AddWithValue("type", secret.Type);
        command.Parameters.AddWithValue("data", sealedData);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<bool> DeleteAsync(string @namespace, string name, CancellationToken cancellationToken)
    {
        await using var command = unit.Command("DELETE FROM secrets WHERE namespace = @ns AND name = @name");
        command.Parameters.AddWithValue("ns", @namespace);
        command.Parameters.AddWithValue("name", name);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    static string AssociatedData(string @namespace, string name) => $"secret:{@namespace}/{name}";
}
