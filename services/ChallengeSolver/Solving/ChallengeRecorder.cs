using CertMesh.ChallengeSolver.Challenges;
using CertMesh.ChallengeSolver.SelfCheck;
using CertMesh.ChallengeSolver.Solvers;
using CertMesh.Domain.Resources;
using CertMesh.Persistence.Challenges;
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

    /// <summary>Presents (again, after a takeover: it is idempotent) and records <c>status.presented</c>.</summary>
    public async Task<Challenge> PresentAsync(ChallengeHold hold, IChallengeSolver solver, CancellationToken cancellationToken)
    {
        var key = KeyOf(hold);
        await using var unit = await database.BeginAsync(cancellationToken);
        var stored = await LoadAsync(unit, key, cancellationToken);
        var challenge = stored.Document;
        await solver.PresentAsync(unit, challenge, cancellationToken);
        if (!challenge.Status.Presented)
        {
            challenge = challenge with { Status = challenge.Status with { Presented = true } };
            await unit.Resources.UpdateAsync(key, challenge, stored.ResourceVersion, null, cancellationToken);
            await unit.Events.NormalAsync(key, ChallengeReasons.Presented,
                $"Presented challenge using {challenge.Spec.Type} challenge mechanism", cancellationToken);
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
    /// The end, in one transaction: clean-up (the token removed), the final state with processing and presented
    /// cleared, the event, ChallengeSolved or ChallengeFailed, and the slot given back. A Challenge deleted meanwhile
    /// still has what was presented for it (<paramref name="lastKnown"/>) cleaned up; nobody is told of its end.
    /// </summary>
    public async Task FinishAsync(ChallengeHold hold, ChallengeOutcome outcome, IChallengeSolver? solver, Challenge lastKnown, CancellationToken cancellationToken)
    {
        var key = KeyOf(hold);
        await using var unit = await database.BeginAsync(cancellationToken);
        var stored = await unit.Resources.GetAsync<Challenge>(key, cancellationToken);
        if (stored is null && solver is not null)
            await solver.CleanUpAsync(unit, lastKnown, cancellationToken);
        if (stored is not null)
        {
            var challenge = stored.Document;
            if (challenge.Status.Presented && solver is not null)
                await solver.CleanUpAsync(unit, challenge, cancellationToken);
            challenge = challenge with
            {
                Status = challenge.Status with { Processing = false, Presented = false, State = outcome.State, Reason = outcome.Message },
            };
            await unit.Resources.UpdateAsync(key, challenge, stored.ResourceVersion, null, cancellationToken);
            var (type, reason, message) = outcome.Event(challenge);
            await unit.Events.RecordAsync(key, type, reason, message, cancellationToken);
            await outcome.PublishAsync(unit.Outbox, challenge, cancellationToken);
        }
        await ChallengeQueue.ReleaseAsync(unit, hold, cancellationToken);
        await unit.CommitAsync(cancellationToken);
        LogFinished(hold.Namespace, hold.Name, outcome.State, outcome.Message);
    }

    static ResourceKey KeyOf(ChallengeHold hold) => new(ResourceKinds.Challenge, hold.Namespace, hold.Name);

    static async Task<Stored<Challenge>> LoadAsync(UnitOfWork unit, ResourceKey key, CancellationToken cancellationToken) =>
        await unit.Resources.GetAsync<Challenge>(key, cancellationToken)
        ?? throw new ChallengeFailure(ChallengeOutcome.Errored("the Challenge was deleted while it was being solved"));

    [LoggerMessage(Level = LogLevel.Information, Message = "Challenge {Namespace}/{Name} ended {State}: {Reason}")]
    partial void LogFinished(string @namespace, string name, string state, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Challenge {Namespace}/{Name} needs no work ({State}); hold released")]
    partial void LogNothingToDo(string @namespace, string name, string state);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Challenge {Namespace}/{Name}: recording the retry reason failed")]
    partial void LogRecordErrorFailed(Exception exception, string @namespace, string name);
}
