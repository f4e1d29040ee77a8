using System.Collections.Concurrent;
using CertMesh.ChallengeSolver.Queue;
using CertMesh.Persistence.Database;

namespace CertMesh.ChallengeSolver.Scheduling;

/// <summary>
/// The heartbeat: every third of the lease, renews the leases of every hold this replica works on, in one
/// statement. A hold the database did not renew was lost (expired, maybe taken over) and its work is cancelled;
/// so is one whose last confirmation is older than a lease while the database cannot be reached.
/// </summary>
internal sealed partial class LeaseKeeper(CertMeshDatabase database, SchedulerOptions options, TimeProvider time, ILogger logger)
{
    public async Task RunAsync(ConcurrentDictionary<RunningHold, byte> running, CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Heartbeat, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
                await BeatAsync(running, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }

    async Task BeatAsync(ConcurrentDictionary<RunningHold, byte> running, CancellationToken stoppingToken)
    {
        var holds = running.Keys.ToArray();
        if (holds.Length == 0)
            return;
        var sentAt = time.GetTimestamp();
        try
        {
            var renewed = (await ChallengeQueue.RenewAsync(database.DataSource, holds.Select(h => h.Hold).ToArray(), options.Lease, stoppingToken)).ToHashSet();
            foreach (var hold in holds)
            {
                if (renewed.Contains(hold.Hold))
                    hold.Confirm(sentAt);
                else if (!hold.Task.IsCompleted)
                    hold.Lose();
            }
        }
        catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
        {
            LogRenewFailed(exception, holds.Length);
        }
        var now = time.GetTimestamp();
        foreach (var hold in holds.Where(h => h.PastDeadline(now) && !h.Task.IsCompleted))
            hold.Lose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Renewing the leases of {Count} challenges failed; retried at the next heartbeat")]
    partial void LogRenewFailed(Exception exception, int count);
}
