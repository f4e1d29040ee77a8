using Npgsql;

namespace CertMesh.ChallengeSolver.Queue;

/// <summary>
/// Reads the append-only hold log (<c>challenge_slots</c>) to check the scheduler's limits after the fact, from a
/// test or a benchmark: the exact maximum number of holds that were open at one instant, over every replica.
/// </summary>
public static class ChallengeSlots
{
    /// <summary>
    /// Sweeps slot starts (+1) and ends (-1) in time order, ends first on a tie: a slot started at the very instant
    /// another ended never overlapped it. Open slots count as still held.
    /// </summary>
    public const string MaxOverlapSql = """
        SELECT coalesce(max(open), 0)::int FROM (
            SELECT sum(delta) OVER (ORDER BY at, delta ROWS UNBOUNDED PRECEDING) AS open FROM (
                SELECT started_at AS at, 1 AS delta FROM challenge_slots
                UNION ALL
                SELECT ended_at, -1 FROM challenge_slots WHERE ended_at IS NOT NULL
            ) AS edges
        ) AS sweep
        """;

    /// <summary>Pairs of slots of one (dnsName, type) that overlapped in time: zero for HTTP-01 always, and for DNS-01 when
    /// its values are presented one at a time (append <c> AND qa.type = …</c> to narrow it).</summary>
    public const string SameNameOverlapsSql = """
        SELECT count(*)::int
        FROM challenge_slots a
        JOIN challenge_queue qa ON qa.id = a.queue_id
        JOIN challenge_slots b ON b.id > a.id
        JOIN challenge_queue qb ON qb.id = b.queue_id AND qb.dns_name = qa.dns_name AND qb.type = qa.type
        WHERE a.started_at < coalesce(b.ended_at, 'infinity') AND b.started_at < coalesce(a.ended_at, 'infinity')
        """;

    public static Task<int> MaxOverlapAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken) =>
        ScalarAsync(dataSource, MaxOverlapSql, cancellationToken);

    public static Task<int> SameNameOverlapsAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken) =>
        ScalarAsync(dataSource, SameNameOverlapsSql, cancellationToken);

    static async Task<int> ScalarAsync(NpgsqlDataSource dataSource, string sql, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        return (int)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
