using CertMesh.Hosting.Metrics.Resources;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CertMesh.Hosting.Metrics;

/// <summary>
/// Gauges read from the shared database at each scrape (one small query over a partial or narrow index), exported by
/// the replica that leads this service's resource feed only: every replica sees the same rows, and one copy of the
/// series is what a sum over replicas needs. A replica that does not lead, or whose read failed, exports none.
/// </summary>
public abstract partial class LeaderScrapedGauges(CertMeshMetrics metrics, ResourceChangeFeed feed, ILogger logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        metrics.Registry.AddBeforeCollectCallback(CollectAsync);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Reads the current values and sets the gauges.</summary>
    protected abstract Task ReadAsync(CancellationToken cancellationToken);

    /// <summary>Withdraws every series, so none goes stale under a replica that stopped knowing.</summary>
    protected abstract void Withdraw();

    async Task CollectAsync(CancellationToken cancellationToken)
    {
        if (!feed.Leading)
        {
            Withdraw();
            return;
        }
        try
        {
            await ReadAsync(cancellationToken);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            // The scrape still answers with everything else.
            Withdraw();
            LogReadFailed(exception, GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Gauges}: reading the database for this scrape failed; the series are left out")]
    partial void LogReadFailed(Exception exception, string gauges);
}
