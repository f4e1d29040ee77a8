using CertMesh.Hosting.Metrics;
using CertMesh.Hosting.Metrics.Resources;
using Npgsql;
using Prometheus;

namespace CertMesh.ChallengeSolver.Metrics;

/// <summary>
/// Challenges in flight (<c>processing</c>: held by a replica, presented or being presented) and waiting for a slot
/// (<c>queued</c>), and how long the oldest waiting one has waited. Read at scrape time by the leading replica, each
/// half over its partial index, so the cost follows the work in flight, never the challenges ever solved.
/// </summary>
internal sealed class ChallengeQueueGauges(NpgsqlDataSource dataSource, CertMeshMetrics metrics, ResourceChangeFeed feed, ILogger<ChallengeQueueGauges> logger)
    : LeaderScrapedGauges(metrics, feed, logger)
{
    public const string Queued = "queued";
    public const string Processing = "processing";

    // One statement, one round trip; a UNION rather than GROUP BY so each half keeps its own partial index.
    const string Sql = """
        SELECT 'queued', count(*), coalesce(extract(epoch FROM now() - min(created_at)), 0)::float8 FROM challenge_queue WHERE state = 'queued'
        UNION ALL
        SELECT 'processing', count(*), 0::float8 FROM challenge_queue WHERE state = 'processing'
        """;

    static readonly GaugeConfiguration Unpublished = new() { SuppressInitialValue = true };

    readonly Gauge _challenges = metrics.Factory.CreateGauge("certmesh_challenges",
        "ACME challenges by scheduling state: queued (waiting for a slot) or processing (held and being solved).", ["state"], Unpublished);

    readonly Gauge _oldestWaiting = metrics.Factory.CreateGauge("certmesh_challenge_oldest_waiting_seconds",
        "How long the oldest queued challenge has waited since it was queued (0 when none waits).", Unpublished);

    protected override async Task ReadAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Sql);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var state = reader.GetString(0) == Queued ? Queued : Processing;
            _challenges.WithLabels(state).Set(reader.GetInt64(1));
            if (state == Queued)
                _oldestWaiting.Set(Math.Max(0, reader.GetDouble(2)));
        }
    }

    protected override void Withdraw()
    {
        _challenges.RemoveLabelled(Queued);
        _challenges.RemoveLabelled(Processing);
        _oldestWaiting.Unpublish();
    }
}
