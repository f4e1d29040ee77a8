using CertMesh.ChallengeSolver.Queue;
using CertMesh.ChallengeSolver.Scheduling;
using CertMesh.ChallengeSolver.Solvers;
using CertMesh.Contracts.Acme;
using CertMesh.Domain.Resources;
using CertMesh.Hosting.Bus;
using CertMesh.Persistence.Database;
using CertMesh.Persistence.Resources;
using MassTransit;

namespace CertMesh.ChallengeSolver.Challenges;

/// <summary>
/// Takes on one authorization to prove: creates the Challenge resource and its scheduler row, once. A redelivery
/// is dropped by the inbox; a duplicate (another message id) finds the Challenge and does nothing while it is in
/// flight, or answers again with its outcome once it has ended. The work itself starts when the scheduler claims it.
/// </summary>
[Inbox("challengesolver:solve-challenge")]
internal sealed partial class SolveChallengeConsumer(
    SolverRegistry solvers,
    SchedulerSignal signal,
    TimeProvider time,
    ILogger<SolveChallengeConsumer> logger) : IConsumer<SolveChallenge>
{
    public async Task Consume(ConsumeContext<SolveChallenge> context)
    {
        var message = context.Message;
        var cancellationToken = context.CancellationToken;
        var unit = context.UnitOfWork();

        var errors = NewChallenge.Validate(message);
        if (errors.Count > 0)
        {
            var text = string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}"));
            await unit.Outbox.PublishAsync(new ChallengeFailed
            {
                OrderId = message.OrderId,
                Namespace = message.Namespace,
                OrderName = message.OrderName,
                ChallengeName = message.ChallengeName,
                DnsName = message.DnsName,
                Reason = ChallengeReasons.InvalidChallenge,
                Message = text,
            }, cancellationToken);
            LogRejected(message.Namespace, message.ChallengeName, text);
            return;
        }

        var key = new ResourceKey(ResourceKinds.Challenge, message.Namespace, message.ChallengeName);
        var existing = await unit.Resources.GetAsync<Challenge>(key, cancellationToken);
        if (existing is null)
        {
            var challenge = NewChallenge.From(message, time.GetUtcNow());
            await unit.Resources.CreateAsync(key, challenge.Metadata.Uid, challenge, null, cancellationToken);
            await ChallengeQueue.EnqueueAsync(unit, NewChallenge.WorkOf(message), cancellationToken);
            await unit.Events.NormalAsync(key, ChallengeReasons.Created,
                $"Created Challenge for domain \"{message.DnsName}\" ({challenge.Spec.Type}), queued for scheduling", cancellationToken);
            LogQueued(message.Namespace, message.ChallengeName, message.DnsName, message.Type);
            // The scheduler must find the committed row: wake it after the commit, not before.
            unit.AfterCommit(signal.Notify);
        }
        else if (ChallengeStates.IsFinal(existing.Document.Status.State))
        {
            var outcome = ChallengeOutcome.Of(existing.Document, solvers.For(existing.Document.Spec.Type) is not null);
            await outcome.PublishAsync(unit.Outbox, existing.Document, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Challenge {Namespace}/{Name} for {DnsName} ({Type}) created and queued")]
    partial void LogQueued(string @namespace, string name, string dnsName, string type);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SolveChallenge {Namespace}/{Name} rejected: {Errors}")]
    partial void LogRejected(string @namespace, string name, string errors);
}
