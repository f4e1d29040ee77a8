using CertMesh.Persistence.Audit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CertMesh.Hosting.Housekeeping;

/// <summary>
/// Forgets audit lines past 90 days, and inbox marks older than the retention (7 days by default, CERTMESH_INBOX_RETENTION_HOURS): a duplicate
/// arrives within seconds or minutes of the original (an outbox row re-published after a crash, a broker
/// redelivery), never days later, so older marks only cost index space.
/// </summary>
internal sealed partial class InboxPruner(NpgsqlDataSource dataSource, TimeSpan retention, ILogger<InboxPruner> logger) : BackgroundService
{
    static readonly TimeSpan Interval = TimeSpan.FromMinutes(10);
    // The audit log keeps 90 days (and at most AuditLog.MaxRows rows): long enough to answer "who changed this".
    static readonly TimeSpan AuditRetention = TimeSpan.FromDays(90);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                await using var command = dataSource.CreateCommand("DELETE FROM inbox WHERE processed_at < now() - @retention");
                command.Parameters.AddWithValue("retention", retention);
                var removed = await command.ExecuteNonQueryAsync(stoppingToken);
                if (removed > 0)
                    LogPruned(removed);
                await AuditLog.PruneAsync(dataSource, DateTimeOffset.UtcNow - AuditRetention, stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Pruned {Count} inbox marks past their retention")]
    partial void LogPruned(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Inbox pruning failed; it runs again later")]
    partial void LogFailed(Exception exception);
}
