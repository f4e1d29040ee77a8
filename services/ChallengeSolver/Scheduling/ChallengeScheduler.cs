using System.Collections.Concurrent;
using System.Diagnostics;
using CertMesh.ChallengeSolver.Queue;
using CertMesh.Hosting.Telemetry;
using CertMesh.Persistence.Database;

namespace CertMesh.ChallengeSolver.Scheduling;

/// <summary>
/// Fills free slots of the global in-flight limit with this replica's claims (<see cref="ChallengeQueue.ClaimAsync"/>)
/// and runs each hold on a task of its own. It wakes when this replica enqueued or released something and polls
/// briefly for other replicas' releases. A hold this replica loses (lease not renewed in time) has its work
/// cancelled; on shutdown, unfinished holds go back to the queue, due at once, for another replica to take.
/// </summary>
internal sealed partial class ChallengeScheduler(
    CertMeshDatabase database,
    IChallengeProcessor processor,
    SchedulerOptions options,
    SchedulerSignal signal,
    TimeProvider time,
    ILogger<ChallengeScheduler> logger) : BackgroundService
{
    static readonly TimeSpan ReleaseOnStopTimeout = TimeSpan.FromSeconds(5);
    static readonly TimeSpan AfterClaimFailure = TimeSpan.FromSeconds(1);
    // Keyed by instance, not queue id: after a lost lease the same row can be claimed again while the old work winds down.
    readonly ConcurrentDictionary<RunningHold, byte> _running = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var keeper = new LeaseKeeper(database, options, time, logger);
        var heartbeat = keeper.RunAsync(_running, stoppingToken);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await ClaimOnceAsync(stoppingToken);
                }
                catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
                {
                    LogClaimFailed(exception);
                    await Task.Delay(AfterClaimFailure, time, stoppingToken); // the database is down: no log line every poll
                }
                await signal.WaitAsync(options.Poll, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }

        // Work tasks observe the same token; each gives its hold back to the queue as it ends.
        await Task.WhenAll(_running.Keys.Select(r => r.Task).Append(heartbeat));
    }

    async Task ClaimOnceAsync(CancellationToken stoppingToken)
    {
        var claimedAt = time.GetTimestamp();
        var holds = await ChallengeQueue.ClaimAsync(
            database.DataSource, options.ReplicaId, options.MaxConcurrentChallenges, options.Lease, options.HeldTogether, stoppingToken);
        foreach (var hold in holds)
        {
            if (hold.PreviousOwner is { } previous)
                LogTakenOver(hold.Namespace, hold.Name, previous);
            var running = new RunningHold(hold, CancellationTokenSource.CreateLinkedTokenSource(stoppingToken), claimedAt, options.Lease, time);
            _running[running] = 0;
            running.Task = Task.Run(() => RunAsync(running, stoppingToken), CancellationToken.None);
        }
    }

    async Task RunAsync(RunningHold running, CancellationToken stoppingToken)
    {
        var hold = running.Hold;
        // The work continues the trace that queued the challenge (the issuance's), claimed here with no span current.
        ActivityContext.TryParse(hold.TraceParent, hold.TraceState, isRemote: true, out var queuedIn);
        using var span = CertMeshActivities.Source.StartActivity("solve challenge", ActivityKind.Consumer, queuedIn);
        span?.SetTag("certmesh.challenge", hold.Name);
        try
        {
            await processor.ProcessAsync(hold, running.Cancellation.Token);
        }
        catch (LeaseLostException)
        {
            LogLeaseLost(hold.Namespace, hold.Name);
        }
        catch (OperationCanceledException) when (running.Cancellation.IsCancellationRequested)
        {
            if (running.Lost)
                LogLeaseLost(hold.Namespace, hold.Name);
            else if (stoppingToken.IsCancellationRequested)
                await RequeueAsync(hold, null);
        }
        catch (Exception exception)
        {
            // The processor retries what it expects to fail; this is a bug or a dead database. The hold goes back,
            // due one lease later, rather than being retried hot.
            LogProcessingFailed(exception, hold.Namespace, hold.Name);
            await RequeueAsync(hold, time.GetUtcNow() + options.Lease);
        }
        finally
        {
            _running.TryRemove(running, out _);
            running.Cancellation.Dispose();
            signal.Notify();
        }
    }

    async Task RequeueAsync(ChallengeHold hold, DateTimeOffset? dueAt)
    {
        using var timeout = new CancellationTokenSource(ReleaseOnStopTimeout);
        try
        {
            await using var unit = await database.BeginAsync(timeout.Token);
            await ChallengeQueue.ReleaseAsync(unit, hold, timeout.Token, requeue: true, requeueAt: dueAt);
            await unit.CommitAsync(timeout.Token);
            LogRequeued(hold.Namespace, hold.Name);
        }
        catch (Exception exception)
        {
            // Not fatal: the lease runs out and another replica takes the row over.
            LogRequeueFailed(exception, hold.Namespace, hold.Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Claiming challenges failed; retried at the next wake-up")]
    partial void LogClaimFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Challenge {Namespace}/{Name} taken over from replica {Previous}, whose lease expired")]
    partial void LogTakenOver(string @namespace, string name, string previous);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Challenge {Namespace}/{Name}: this replica lost its hold; work on it stopped")]
    partial void LogLeaseLost(string @namespace, string name);

    [LoggerMessage(Level = LogLevel.Error, Message = "Challenge {Namespace}/{Name}: processing failed unexpectedly; requeued")]
    partial void LogProcessingFailed(Exception exception, string @namespace, string name);

    [LoggerMessage(Level = LogLevel.Information, Message = "Challenge {Namespace}/{Name} handed back to the queue")]
    partial void LogRequeued(string @namespace, string name);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Challenge {Namespace}/{Name} could not be handed back; its lease will expire instead")]
    partial void LogRequeueFailed(Exception exception, string @namespace, string name);
}
