using CertMesh.ChallengeSolver.Challenges;
using CertMesh.ChallengeSolver.Queue;
using CertMesh.ChallengeSolver.SelfCheck;
using CertMesh.ChallengeSolver.Solvers;
using CertMesh.Domain.Resources;
using CertMesh.Persistence.Database;
using CertMesh.Persistence.Resources;

namespace CertMesh.ChallengeSolver.Solving;

/// <summary>
/// Every state change of a held challenge, one transaction each: the Challenge's status, its events, what the
/// solver writes and the outgoing message commit together, and only while this replica still holds the
/// challenge (each unit checks its lease last, right before committing). Each step is safe to repeat.
/// </summary>
internal sealed partial class ChallengeRecorder(CertMeshDatabase database, TimeProvider time, ILogger<ChallengeRecorder> logger)
{
    /// <summary>Marks the challenge as processing by this replica.</summary>
    /// <returns>the challenge, or null when there is nothing to do (deleted, or already final) and the hold was released.</returns>
    public async Task<Challenge?> StartAsync(ChallengeHold hold, bool announce, CancellationToken cancellationToken)
    {
        var key = KeyOf(hold);
        await using var unit = await database.BeginAsync(cancellationToken);
        var stored = await unit.Resources.GetAsync<Challenge>(key, cancellationToken);
        if (stored is null || ChallengeStates.IsFinal(stored.Document.Status.State))
        {
            await ChallengeQueue.ReleaseAsync(unit, hold, cancellationToken);
            await unit.CommitAsync(cancellationToken);
            LogNothingToDo(hold.Namespace, hold.Name, stored?.Document.Status.State ?? "deleted");
            return null;
        }

        var challenge = stored.Document;
        var status = challenge.Status with { Processing = true, SolvedBy = hold.Replica, State = ChallengeStates.Processing };
        if (status != challenge.Status)
        {
            challenge = challenge with { Status = status };
            await unit.Resources.UpdateAsync(key, challenge, stored.ResourceVersion, null, cancellationToken);
        }
        if (announce)
        {
            await unit.Events.NormalAsync(key, ChallengeReasons.Started, hold.PreviousOwner is null
                ? "Challenge scheduled for processing"
                : $"Challenge scheduled for processing; taken over from replica {hold.PreviousOwner}, whose lease expired", cancellationToken);
        }
        await ChallengeQueue.VerifyHeldAsync(unit, hold, cancellationToken);
        await unit.CommitAsync(cancellationToken);
        return challenge;
    }

    /// <summary>
    /// Records where the answer goes (DNS-01's fqdn and zone) before anything is presented, so every later clean-up,
    /// also another replica's, removes it from there. The solver's lookups run before the unit opens.
    /// </summary>
    public async Task<Challenge> ResolveAsync(ChallengeHold hold, IChallengeSolver solver, Challenge challenge, CancellationToken cancellationToken)
    {
        if (await solver.ResolveAsync(challenge, cancellationToken) is not { } target)
            return challenge;
        var key = KeyOf(hold);
        await using var unit = await database.BeginAsync(cancellationToken);
        var stored = await LoadAsync(unit, key, cancellationToken);
        var resolved = stored.Document with
        {
            Status = stored.Document.Status with { ResolvedFqdn = target.Fqdn, ResolvedZone = target.Zone },
        };
        await unit.Resources.UpdateAsync(key, resolved, stored.ResourceVersion, null, cancellationToken);
        await ChallengeQueue.VerifyHeldAsync(unit, hold, cancellationToken);
        await unit.CommitAsync(cancellationToken);
        return resolved;
    }

    /// <summary>
    /// Presents (again, after a takeover: it is idempotent) and records <c>status.presented</c>. What the solver does
    /// outside the database (DnsWebhook's round trip) happens before the unit opens, so a slow DNS provider never
    /// holds a database connection; its database writes (HTTP-01's token) commit with the status.
    /// </summary>
    public async Task<Challenge> PresentAsync(ChallengeHold hold, IChallengeSolver solver, Challenge challenge, CancellationToken cancellationToken)
    {
        var write = await solver.PresentAsync(challenge, cancellationToken);
        var key = KeyOf(hold);
        await using var unit = await database.BeginAsync(cancellationToken);
        var stored = await LoadAsync(unit, key, cancellationToken);
        challenge = stored.Document;
        if (write is not null)
            await write(unit, cancellationToken);
        if (!challenge.Status.Presented)
        {
            challenge = challenge with { Status = challenge.Status with { Presented = true } };
            await unit.Resources.UpdateAsync(key, challenge, stored.ResourceVersion, null, cancellationToken);
            var where = Dns01Target.Of(challenge) is { } target ? $": {target}" : "";
            await unit.Events.NormalAsync(key, ChallengeReasons.Presented,
                $"Presented challenge using {challenge.Spec.Type} challenge mechanism{where}", cancellationToken);
        }
        await ChallengeQueue.VerifyHeldAsync(unit, hold, cancellationToken);
        await unit.CommitAsync(cancellationToken);
        return challenge;
    }

    /// <summary>Records a self-check; after a miss, the reason says what was seen, as cert-manager's does.</summary>
    public async Task RecordSelfCheckAsync(ChallengeHold hold, SelfCheckResult result, DateTimeOffset? retryAt, CancellationToken cancellationToken)
    {
        var key = KeyOf(hold);
        await using var unit = await database.BeginAsync(cancellationToken);
        var stored = await LoadAsync(unit, key, cancellationToken);
        var challenge = stored.Document;
        var status = challenge.Status with
        {
            SelfCheck = result.Detail,
            SelfCheckTime = time.GetUtcNow(),
            SelfCheckAttempts = challenge.Status.SelfCheckAttempts + 1,
            Reason = result.Passed
                ? $"{challenge.Spec.Type} self check passed; waiting for the CA to validate"
                : $"Waiting for {challenge.Spec.Type} challenge propagation: {result.Detail}",
        };
        await unit.Resources.UpdateAsync(key, challenge with { Status = status }, stored.ResourceVersion, null, cancellationToken);
        // The retry time is kept on the queue row too: a replica taking over after a crash starts no earlier.
        await ChallengeQueue.VerifyHeldAsync(unit, hold, cancellationToken, retryAt);
        await unit.CommitAsync(cancellationToken);
    }

    /// <summary>A transient error, shown in <c>status.reason</c> while the work is retried; best effort.</summary>
    public async Task RecordErrorAsync(ChallengeHold hold, string reason, CancellationToken cancellationToken)
    {
        try
        {
            var key = KeyOf(hold);
            await using var unit = await database.BeginAsync(cancellationToken);
            var stored = await LoadAsync(unit, key, cancellationToken);
            var challenge = stored.Document with { Status = stored.Document.Status with { Reason = reason } };
            await unit.Resources.UpdateAsync(key, challenge, stored.ResourceVersion, null, cancellationToken);
            await ChallengeQueue.VerifyHeldAsync(unit, hold, cancellationToken);
            await unit.CommitAsync(cancellationToken);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested && exception is not LeaseLostException)
        {
            LogRecordErrorFailed(exception, hold.Namespace, hold.Name);
        }
    }

    /// <summary>
    /// The end, in one transaction: the final state with processing and presented cleared, the event, ChallengeSolved
    /// or ChallengeFailed, the solver's clean-up writes (HTTP-01's token removed) and the slot given back. A clean-up
    /// outside the database (DNS-01's TXT value, through DnsWebhook) comes first, before the unit opens; one that failed
    /// for good is recorded as a warning and the outcome stands. A Challenge deleted meanwhile still has what was
    /// presented for it (<paramref name="lastKnown"/>) cleaned up; nobody is told of its end.
    /// </summary>
    public async Task FinishAsync(ChallengeHold hold, ChallengeOutcome outcome, IChallengeSolver? solver, Challenge lastKnown, CancellationToken cancellationToken)
    {
        var key = KeyOf(hold);
        SolverWrite? cleanUp = null;
        string? cleanUpError = null;
        if (solver is not null)
        {
            // A change outside the database cannot be rolled back if the hold turns out lost, and a replica that lost
            // its hold unnoticed must not remove a DNS-01 value the new holder has just presented: check first.
            if (Dns01Target.Of(lastKnown) is not null)
                await EnsureHeldAsync(hold, cancellationToken);
            try
            {
                cleanUp = await solver.CleanUpAsync(lastKnown, cancellationToken);
            }
            catch (CleanUpFailure failure)
            {
                cleanUpError = failure.Message;
                LogCleanUpFailed(hold.Namespace, hold.Name, failure.Message);
            }
        }

        await using var unit = await database.BeginAsync(cancellationToken);
        var stored = await unit.Resources.GetAsync<Challenge>(key, cancellationToken);
        if (cleanUp is not null)
            await cleanUp(unit, cancellationToken);
        if (stored is not null)
        {
            var challenge = stored.Document with
            {
                Status = stored.Document.Status with { Processing = false, Presented = false, State = outcome.State, Reason = outcome.Message },
            };
            await unit.Resources.UpdateAsync(key, challenge, stored.ResourceVersion, null, cancellationToken);
            if (cleanUpError is not null)
                await unit.Events.RecordAsync(key, EventTypes.Warning, ChallengeReasons.CleanUpError, $"Error cleaning up challenge: {cleanUpError}", cancellationToken);
            var (type, reason, message) = outcome.Event(challenge);
            await unit.Events.RecordAsync(key, type, reason, message, cancellationToken);
            await outcome.PublishAsync(unit.Outbox, challenge, cancellationToken);
        }
        await ChallengeQueue.ReleaseAsync(unit, hold, cancellationToken);
        await unit.CommitAsync(cancellationToken);
        LogFinished(hold.Namespace, hold.Name, outcome.State, outcome.Message);
    }

    async Task EnsureHeldAsync(ChallengeHold hold, CancellationToken cancellationToken)
    {
        await using var unit = await database.BeginAsync(cancellationToken);
        await ChallengeQueue.VerifyHeldAsync(unit, hold, cancellationToken);
        await unit.CommitAsync(cancellationToken);
    }

    static ResourceKey KeyOf(ChallengeHold hold) => new(ResourceKinds.Challenge, hold.Namespace, hold.Name);

    static async Task<Stored<Challenge>> LoadAsync(UnitOfWork unit, ResourceKey key, CancellationToken cancellationToken) =>
        await unit.Resources.GetAsync<Challenge>(key, cancellationToken)
        ?? throw new ChallengeFailure(ChallengeOutcome.Errored("the Challenge was deleted while it was being solved"));

    [LoggerMessage(Level = LogLevel.Information, Message = "Challenge {Namespace}/{Name} ended {State}: {Reason}")]
    partial void LogFinished(string @namespace, string name, string state, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Challenge {Namespace}/{Name} needs no work ({State}); hold released")]
    partial void LogNothingToDo(string @namespace, string name, string state);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Challenge {Namespace}/{Name}: clean-up failed for good, its outcome stands: {Error}")]
    partial void LogCleanUpFailed(string @namespace, string name, string error);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Challenge {Namespace}/{Name}: recording the retry reason failed")]
    partial void LogRecordErrorFailed(Exception exception, string @namespace, string name);
}
