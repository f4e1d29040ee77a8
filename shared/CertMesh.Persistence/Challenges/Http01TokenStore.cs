using CertMesh.Contracts.Challenges;
using CertMesh.Persistence.Database;
using Npgsql;

namespace CertMesh.Persistence.Challenges;

/// <summary>
/// The HTTP-01 token store (table <c>http01_tokens</c>), shared by every ChallengeSolver replica. Writes go
/// through a <see cref="UnitOfWork"/> and put the matching event in its outbox, so the row and the event that
/// tells every Edge replica about it commit together: call, then <c>CommitAsync</c> the unit.
/// </summary>
/// <remarks>
/// The one piece of the challenge machinery that stays shared: ChallengeSolver writes the table and the Edge reads it,
/// and services never reference each other. Reads and writes stay in this one file so the columns are named once.
/// The scheduler's queue, which only ChallengeSolver uses, lives in services/ChallengeSolver/Queue.
/// </remarks>
public static class Http01TokenStore
{
    /// <summary>Upserts the token and publishes <see cref="Http01TokenPresented"/> on commit; presenting twice is harmless.</summary>
    public static async Task PresentAsync(UnitOfWork unit, string token, string keyAuthorization, string dnsName, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        ArgumentException.ThrowIfNullOrEmpty(keyAuthorization);
        await using (var command = unit.Command("""
            INSERT INTO http01_tokens (token, key_authorization, dns_name) VALUES (@token, @key, @dns)
            ON CONFLICT (token) DO UPDATE SET key_authorization = excluded.key_authorization,
                dns_name = excluded.dns_name, presented_at = now()
            """))
        {
            command.Parameters.AddWithValue("token", token);
            command.Parameters.AddWithValue("key", keyAuthorization);
            command.Parameters.AddWithValue("dns", dnsName);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        await unit.Outbox.PublishAsync(new Http01TokenPresented { Token = token, KeyAuthorization = keyAuthorization, DnsName = dnsName }, cancellationToken);
    }

    /// <summary>
    /// Deletes the token and publishes <see cref="Http01TokenRemoved"/> on commit. The event goes out even when the
    /// row was already gone: a clean-up retried after a crash then still reaches an Edge that missed the first one.
    /// </summary>
    public static async Task RemoveAsync(UnitOfWork unit, string token, CancellationToken cancellationToken)
    {
        await using (var command = unit.Command("DELETE FROM http01_tokens WHERE token = @token"))
        {
            command.Parameters.AddWithValue("token", token);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        await unit.Outbox.PublishAsync(new Http01TokenRemoved { Token = token }, cancellationToken);
    }

    /// <summary>Every presented token; what an Edge replica loads at start.</summary>
    public static async Task<IReadOnlyList<Http01Token>> LoadAllAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT token, key_authorization, dns_name FROM http01_tokens");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var tokens = new List<Http01Token>();
        while (await reader.ReadAsync(cancellationToken))
            tokens.Add(new Http01Token(reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        return tokens;
    }

    /// <summary>The key authorization for one token, or null; a primary-key lookup.</summary>
    public static async Task<string?> FindAsync(NpgsqlDataSource dataSource, string token, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT key_authorization FROM http01_tokens WHERE token = @token");
        command.Parameters.AddWithValue("token", token);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }
}
