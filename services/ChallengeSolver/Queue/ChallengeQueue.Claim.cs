using System.Text.Json;
using CertMesh.Persistence.Database;
using Npgsql;

namespace CertMesh.ChallengeSolver.Queue;

/// <summary>Claiming: the one decision that must see every replica's holds at once, taken under the scheduler lock.</summary>
public static partial class ChallengeQueue
{
    /// <summary>Claims with every type one at a time per (dnsName, type); see the overload.</summary>
    public static Task<IReadOnlyList<ChallengeHold>> ClaimAsync(
        NpgsqlDataSource dataSource, string replica, int maxConcurrent, TimeSpan lease, CancellationToken cancellationToken) =>
        ClaimAsync(dataSource, replica, maxConcurrent, lease, [], cancellationToken);

    /// <summary>
    /// Claims what may start now for <paramref name="replica"/>: oldest first, queued rows and rows whose holder's
    /// lease expired (a dead replica), due now, whose (dnsName, type) no live hold has, at most
    /// <paramref name="maxConcurrent"/> minus what is held by every replica. Each claim opens a slot.
    /// </summary>
    /// <param name="heldTogether">
    /// Types exempt from the one-at-a-time rule: their challenges for one name may be held at once (DNS-01, whose values
    /// form a multi-value TXT set that each challenge adds to and removes from on its own). They still count against
    /// <paramref name="maxConcurrent"/>. Empty: cert-manager's rule, every (dnsName, type) one at a time.
    /// </param>
    public static async Task<IReadOnlyList<ChallengeHold>> ClaimAsync(
        NpgsqlDataSource dataSource, string replica, int maxConcurrent, TimeSpan lease, IReadOnlyCollection<string> heldTogether,
        CancellationToken cancellationToken)
    {
        // Replicas poll every few hundred milliseconds, idle or saturated: a lock-free look first keeps them off the lock.
        if (!await AnythingClaimableAsync(dataSource, maxConcurrent, cancellationToken))
            return [];

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, transaction))
        {
            lockCommand.Parameters.AddWithValue("key", SchedulerLockKey);
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }

        var (now, ids) = await PickAsync(connection, transaction, maxConcurrent, heldTogether, cancellationToken);
        if (ids.Length == 0)
        {
            await transaction.CommitAsync(cancellationToken);
            return [];
        }

        // Every expired hold stopped counting at its lease end, so its slot ends there too: the slot log then
        // never shows more open slots than the count this claim was based on.
        await using (var endExpired = new NpgsqlCommand("""
            UPDATE challenge_slots s SET ended_at = q.lease_until
            FROM challenge_queue q
            WHERE s.queue_id = q.id AND s.ended_at IS NULL AND q.state = 'processing' AND q.lease_until <= @now
            """, connection, transaction))
        {
            endExpired.Parameters.AddWithValue("now", now);
            await endExpired.ExecuteNonQueryAsync(cancellationToken);
        }

        var holds = new List<ChallengeHold>();
        await using (var claim = new NpgsqlCommand("""
            WITH picked AS (
                SELECT id, CASE WHEN state = 'processing' THEN owner END AS previous_owner
                FROM challenge_queue
                WHERE id = ANY(@ids) AND (state = 'queued' OR (state = 'processing' AND lease_until <= @now))
                FOR UPDATE
            )
            UPDATE challenge_queue q
            SET state = 'processing', owner = @replica, lease_until = @now + @lease, attempts = q.attempts + 1, updated_at = now()
            FROM picked WHERE q.id = picked.id
            RETURNING q.id, q.namespace, q.name, q.dns_name, q.type, q.account, q.attempts, picked.previous_owner, q.lease_until,
                q.trace_parent, q.trace_state
            """, connection, transaction))
        {
            claim.Parameters.AddWithValue("ids", ids);
            claim.Parameters.AddWithValue("now", now);
            claim.Parameters.AddWithValue("replica", replica);
            claim.Parameters.AddWithValue("lease", lease);
            await using var reader = await claim.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
                holds.Add(ReadHold(reader, replica));
        }

        // Slots start at the claim's clock reading, taken after the lock and inside the statement that counted the
        // held rows: every release that count saw had ended its slot earlier, so the log shows no false overlap.
        await using (var slots = new NpgsqlCommand("""
            INSERT INTO challenge_slots (queue_id, namespace, name, replica, started_at)
            SELECT id, ns, name, @replica, @now FROM unnest(@ids, @namespaces, @names) AS h(id, ns, name)
            """, connection, transaction))
        {
            slots.Parameters.AddWithValue("replica", replica);
            slots.Parameters.AddWithValue("now", now);
            slots.Parameters.AddWithValue("ids", holds.Select(h => h.QueueId).ToArray());
            slots.Parameters.AddWithValue("namespaces", holds.Select(h => h.Namespace).ToArray());
            slots.Parameters.AddWithValue("names", holds.Select(h => h.Name).ToArray());
            await slots.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return holds;
    }

    /// <summary>A free slot and something to put in it (a due row, or an expired hold to take over); only a hint.</summary>
    static async Task<bool> AnythingClaimableAsync(NpgsqlDataSource dataSource, int maxConcurrent, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT (SELECT count(*) FROM challenge_queue WHERE state = 'processing' AND lease_until > clock_timestamp()) < @max
               AND (EXISTS (SELECT 1 FROM challenge_queue WHERE state = 'queued' AND due_at <= clock_timestamp())
                 OR EXISTS (SELECT 1 FROM challenge_queue WHERE state = 'processing' AND lease_until <= clock_timestamp()))
            """);
        command.Parameters.AddWithValue("max", (long)maxConcurrent);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>The claim's decision in one statement: its clock reading and the rows to take, oldest first.</summary>
    static async Task<(DateTime Now, long[] Ids)> PickAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, int maxConcurrent, IReadOnlyCollection<string> heldTogether, CancellationToken cancellationToken)
    {
        // clock_timestamp() is read once, inside this statement, after its snapshot was taken (and after the lock).
        await using var command = new NpgsqlCommand("""
            WITH clock AS MATERIALIZED (SELECT clock_timestamp() AS now),
            -- Oldest first, and only so far back: a backlog of thousands costs one short index scan per claim.
            -- A (dnsName, type) with a live hold is skipped (a probe of challenge_queue_held_names per row), unless its
            -- type is one held together (@together).
            waiting AS (
                (SELECT q.id, q.dns_name, q.type, q.created_at FROM challenge_queue q, clock
                 WHERE q.state = 'queued' AND q.due_at <= clock.now
                   AND (q.type = ANY(@together)
                        OR NOT EXISTS (SELECT 1 FROM challenge_queue h WHERE h.state = 'processing' AND h.dns_name = q.dns_name
                                       AND h.type = q.type AND h.lease_until > clock.now))
                 ORDER BY q.created_at, q.id LIMIT @scan)
                UNION ALL
                SELECT q.id, q.dns_name, q.type, q.created_at FROM challenge_queue q, clock
                WHERE q.state = 'processing' AND q.lease_until <= clock.now AND q.due_at <= clock.now
                  AND (q.type = ANY(@together)
                       OR NOT EXISTS (SELECT 1 FROM challenge_queue h WHERE h.state = 'processing' AND h.dns_name = q.dns_name
                                      AND h.type = q.type AND h.lease_until > clock.now))
            ),
            -- One row per (dnsName, type) of the one-at-a-time types; every row of a type held together.
            eligible AS (
                SELECT DISTINCT ON (w.dns_name, w.type, CASE WHEN w.type = ANY(@together) THEN w.id END) w.id, w.created_at FROM waiting w
                ORDER BY w.dns_name, w.type, CASE WHEN w.type = ANY(@together) THEN w.id END, w.created_at, w.id
            )
            SELECT clock.now, ARRAY(
                SELECT id FROM eligible ORDER BY created_at, id
                LIMIT greatest(@max - (SELECT count(*) FROM challenge_queue h, clock WHERE h.state = 'processing' AND h.lease_until > clock.now), 0))
            FROM clock
            """, connection, transaction);
        command.Parameters.AddWithValue("max", (long)maxConcurrent);
        command.Parameters.AddWithValue("together", heldTogether.ToArray());
        // Enough to fill every free slot even when several waiting rows share a name.
        command.Parameters.AddWithValue("scan", Math.Max(200L, 5L * maxConcurrent));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetDateTime(0), reader.GetFieldValue<long[]>(1));
    }

    static ChallengeHold ReadHold(NpgsqlDataReader reader, string replica)
    {
        using var account = reader.GetFieldValue<JsonDocument>(5);
        var work = new ChallengeWork(
            reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
            account.Deserialize<ChallengeAccount>(Json.Options) ?? new ChallengeAccount());
        return new ChallengeHold(
            reader.GetInt64(0), work, replica,
            new DateTimeOffset(reader.GetDateTime(8), TimeSpan.Zero),
            reader.GetInt32(6),
            reader.IsDBNull(7) ? null : reader.GetString(7))
        {
            TraceParent = reader.IsDBNull(9) ? null : reader.GetString(9),
            TraceState = reader.IsDBNull(10) ? null : reader.GetString(10),
        };
    }
}
