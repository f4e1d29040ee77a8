using System.Diagnostics;
using CertMesh.Domain.Resources;
using CertMesh.Hosting.Telemetry;
using CertMesh.Persistence.Database;
using CertMesh.Trigger.Issuance;

namespace CertMesh.Trigger.Renewal;

/// <summary>
/// Finds certificates whose due time has passed (renewal time, back-off end) with an indexed query, so a pass
/// costs what is due, not what is stored, and re-evaluates each. Replicas claim rows with SKIP LOCKED.
/// </summary>
internal sealed partial class RenewalSweeper(
    CertMeshDatabase database,
    IssuanceStarter starter,
    RenewalSweepOptions options,
    TimeProvider time,
    ILogger<RenewalSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Interval, time);
        do
        {
            try
            {
                while (await SweepOnceAsync(stoppingToken) == options.BatchSize) { }
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                LogSweepFailed(exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <returns>how many certificates were due.</returns>
    public async Task<int> SweepOnceAsync(CancellationToken cancellationToken)
    {
        await using var unit = await database.BeginAsync(cancellationToken);
        var started = time.GetTimestamp();
        var due = await unit.Resources.ClaimDueAsync(ResourceKinds.Certificate, time.GetUtcNow(), options.BatchSize, cancellationToken);
        var found = time.GetElapsedTime(started);
        foreach (var key in due)
        {
            // Each certificate's renewal is an issuance of its own, so it starts a trace of its own (a root span, not a
            // child of the sweep): everything it publishes, through the outbox, continues that trace.
            Activity.Current = null;
            using var renewal = CertMeshActivities.Source.StartActivity("renew certificate", ActivityKind.Internal);
            renewal?.SetTag("certmesh.certificate", $"{key.Namespace}/{key.Name}");
            var stored = await unit.Resources.GetAsync<Certificate>(key, cancellationToken);
            if (stored is not null)
                await starter.ReconcileAsync(unit, stored, null, cancellationToken);
        }
        await unit.CommitAsync(cancellationToken);
        if (due.Count > 0)
            LogSwept(due.Count, found.TotalMilliseconds);
        return due.Count;
    }

    // The find time is the claim query alone (what the store's size could slow down), read by tests/bench/run.sh sweep.
    [LoggerMessage(Level = LogLevel.Information, Message = "Renewal sweep re-evaluated {Count} due certificates (found in {FindMilliseconds:F1} ms)")]
    partial void LogSwept(int count, double findMilliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Renewal sweep failed; it runs again at the next tick")]
    partial void LogSweepFailed(Exception exception);
}
