using System.Diagnostics;
using System.Text.Json;
using CertMesh.Persistence.Database;
using Npgsql;
using NpgsqlTypes;

namespace CertMesh.ChallengeSolver.Queue;

/// <summary>
/// The challenge scheduler's state (tables <c>challenge_queue</c> and <c>challenge_slots</c>), shared by every
/// ChallengeSolver replica. The global in-flight limit and the one-at-a-time rule per (dnsName, type) hold across
/// replicas because claiming is serialised by one advisory lock and counts what the database says is held.
/// A hold is a lease on the database's clock, so replicas never compare their own clocks.
/// </summary>
public static partial class ChallengeQueue
{
    // Claims take this lock exclusively; lease renewals take it shared, so a renewal can never extend a lease a
    // concurrent claim has just counted as expired. Releases need no lock: see ReleaseAsync.
    const long SchedulerLockKey = 0x43_65_72_74_43_68_61_6C;

    /// <summary>
    /// Adds the challenge to the queue, due now; part of the caller's unit. A row left <c>done</c> by an earlier
    /// Challenge of the same name (deleted since) is queued again with the new details; a live row is left alone.
    /// The caller's trace context goes with the row, so the replica that claims it solves it in the same trace.
    /// </summary>
    /// <returns>true when the row was created or queued again, false when it is still queued or held.</returns>
    public static async Task<bool> EnqueueAsync(UnitOfWork unit, ChallengeWork work, CancellationToken cancellationToken)
    {
        await using var command = unit.Command("""
            INSERT INTO challenge_queue AS q (namespace, name, dns_name, type, account, trace_parent, trace_state)
            VALUES (@ns, @name, @dns, @type, @account, @trace_parent, @trace_state)
            ON CONFLICT (namespace, name) DO UPDATE
            SET dns_name = EXCLUDED.dns_name, type = EXCLUDED.type, account = EXCLUDED.account,
                trace_parent = EXCLUDED.trace_parent, trace_state = EXCLUDED.trace_state,
                state = 'queued', due_at = now(), created_at = clock_timestamp(), updated_at = now()
            WHERE q.state = 'done'
            """);
        command.Parameters.AddWithValue("ns", work.Namespace);
        command.Parameters.AddWithValue("name", work.Name);
        command.Parameters.AddWithValue("dns", work.DnsName);
        command.Parameters.AddWithValue("type", work.Type);
        command.Parameters.AddWithValue("account", NpgsqlDbType.Jsonb, JsonSerializer.Serialize(work.Account, Json.Options));
        var span = Activity.Current;
        command.Parameters.AddWithValue("trace_parent", NpgsqlDbType.Text, (object?)(span?.IdFormat == ActivityIdFormat.W3C ? span.Id : null) ?? DBNull.Value);
        command.Parameters.AddWithValue("trace_state", NpgsqlDbType.Text, (object?)span?.TraceStateString ?? DBNull.Value);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>
    /// Extends the leases of the holds this replica still has (heartbeat). A lease that already expired is not
    /// revived: the hold was lost, even if no other replica has taken it over yet.
    /// </summary>
    /// <returns>those of <paramref name="holds"/> whose leases were extended.</returns>
    public static async Task<IReadOnlyList<ChallengeHold>> RenewAsync(
        NpgsqlDataSource dataSource, IReadOnlyCollection<ChallengeHold> holds, TimeSpan lease, CancellationToken cancellationToken)
    {
        if (holds.Count == 0)
            return [];
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock_shared(@key)", connection, transaction))
        {
            lockCommand.Parameters.AddWithValue("key", SchedulerLockKey);
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }
        var renewed = new HashSet<(long, int)>();
        await using (var renew = new NpgsqlCommand("""
            UPDATE challenge_queue q SET lease_until = clock_timestamp() + @lease
            FROM unnest(@ids, @claims, @owners) AS h(id, claim, owner)
            WHERE q.id = h.id AND q.attempts = h.claim AND q.owner = h.owner
              AND q.state = 'processing' AND q.lease_until > clock_timestamp()
            RETURNING q.id, q.attempts
            """, connection, transaction))
        {
            renew.Parameters.AddWithValue("ids", holds.Select(h => h.QueueId).ToArray());
            renew.Parameters.AddWithValue("claims", holds.Select(h => h.Attempts).ToArray());
            renew.Parameters.AddWithValue("owners", holds.Select(h => h.Replica).ToArray());
            renew.Parameters.AddWithValue("lease", lease);
            await using var reader = await renew.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
                renewed.Add((reader.GetInt64(0), reader.GetInt32(1)));
        }
        await transaction.CommitAsync(cancellationToken);
        return holds.Where(h => renewed.Contains((h.QueueId, h.Attempts))).ToList();
    }

    /// <summary>
    /// Checks, inside the caller's unit and as late as possible before its commit, that this replica still holds
    /// the challenge; the row stays locked against a takeover until the unit ends. <paramref name="dueAt"/>, when
    /// given, records when the holder next looks at it (a self-check retry), which is also the earliest a takeover
    /// after a crash starts.
    /// </summary>
    /// <exception cref="LeaseLostException">the lease expired or another replica took the row over.</exception>
    public static async Task VerifyHeldAsync(UnitOfWork unit, ChallengeHold hold, CancellationToken cancellationToken, DateTimeOffset? dueAt = null)
    {
        await using var command = unit.Command("""
            UPDATE challenge_queue SET due_at = coalesce(@due, due_at)
            WHERE id = @id AND attempts = @claim AND owner = @replica AND state = 'processing' AND lease_until > clock_timestamp()
            """);
        command.Parameters.AddWithValue("id", hold.QueueId);
        command.Parameters.AddWithValue("claim", hold.Attempts);
        command.Parameters.AddWithValue("replica", hold.Replica);
        command.Parameters.AddWithValue("due", NpgsqlDbType.TimestampTz, (object?)dueAt?.UtcDateTime ?? DBNull.Value);
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
            throw new LeaseLostException(hold.QueueId, hold.Replica);
    }

    /// <summary>
    /// Gives the slot back, inside the caller's unit (with the state change it concludes): the row is done, or
    /// queued again for <paramref name="requeueAt"/> (now when null and <paramref name="requeue"/> is set). The
    /// slot ends at the database's clock. No lock is needed: a claim that sees this commit took its own clock
    /// reading later, and one that does not still counts the row as held.
    /// </summary>
    /// <exception cref="LeaseLostException">the lease expired or another replica took the row over.</exception>
    public static async Task ReleaseAsync(UnitOfWork unit, ChallengeHold hold, CancellationToken cancellationToken, bool requeue = false, DateTimeOffset? requeueAt = null)
    {
        await using (var release = unit.Command("""
            UPDATE challenge_queue
            SET state = CASE WHEN @requeue THEN 'queued' ELSE 'done' END, owner = NULL, lease_until = NULL,
                due_at = CASE WHEN @requeue THEN coalesce(@due, now()) ELSE due_at END, updated_at = now()
            WHERE id = @id AND attempts = @claim AND owner = @replica AND state = 'processing' AND lease_until > clock_timestamp()
            """))
        {
            release.Parameters.AddWithValue("id", hold.QueueId);
            release.Parameters.AddWithValue("claim", hold.Attempts);
            release.Parameters.AddWithValue("replica", hold.Replica);
            release.Parameters.AddWithValue("requeue", requeue);
            release.Parameters.AddWithValue("due", NpgsqlDbType.TimestampTz, (object?)requeueAt?.UtcDateTime ?? DBNull.Value);
            if (await release.ExecuteNonQueryAsync(cancellationToken) == 0)
                throw new LeaseLostException(hold.QueueId, hold.Replica);
        }
        await using var endSlot = unit.Command("UPDATE challenge_slots SET ended_at = clock_timestamp() WHERE queue_id = @id AND ended_at IS NULL");
        endSlot.Parameters.AddWithValue("id", hold.QueueId);
        await endSlot.ExecuteNonQueryAsync(cancellationToken);
    }
}
