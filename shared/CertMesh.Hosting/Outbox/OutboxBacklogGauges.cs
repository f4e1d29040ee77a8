using CertMesh.Hosting.Metrics;
using CertMesh.Hosting.Metrics.Resources;
using Microsoft.Extensions.Logging;
using Npgsql;
using Prometheus;

namespace CertMesh.Hosting.Outbox;

/// <summary>
/// The outbox's backlog: rows due and not yet delivered, and how long the oldest has been due. The table is one for
/// every service's dispatcher, so one service (Trigger) registers these; its leading replica exports them. The count
/// walks the <c>outbox_due</c> index up to now, so it costs what is waiting, not what was ever sent.
/// </summary>
public sealed class OutboxBacklogGauges(NpgsqlDataSource dataSource, CertMeshMetrics metrics, ResourceChangeFeed feed, ILogger<OutboxBacklogGauges> logger)
    : LeaderScrapedGauges(metrics, feed, logger)
{
    static readonly GaugeConfiguration Unpublished = new() { SuppressInitialValue = true };

    readonly Gauge _backlog = metrics.Factory.CreateGauge("certmesh_outbox_backlog_messages",
        "Outbox messages due and not yet delivered, across every service (exported by Trigger's leading replica).", Unpublished);

    readonly Gauge _oldest = metrics.Factory.CreateGauge("certmesh_outbox_oldest_message_age_seconds",
        "How long the longest-waiting due outbox message has been due (0 when none is).", Unpublished);

    protected override async Task ReadAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT count(*), coalesce(extract(epoch FROM now() - min(due_at)), 0)::float8 FROM outbox WHERE due_at <= now()");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        _backlog.Set(reader.GetInt64(0));
        _oldest.Set(Math.Max(0, reader.GetDouble(1)));
    }

    protected override void Withdraw()
    {
        _backlog.Unpublish();
        _oldest.Unpublish();
    }
}
