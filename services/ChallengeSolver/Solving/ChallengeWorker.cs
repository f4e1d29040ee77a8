using CertMesh.Acme;
using CertMesh.Acme.Challenges;
using CertMesh.Acme.Orders;
using CertMesh.ChallengeSolver.Challenges;
using CertMesh.ChallengeSolver.Metrics;
using CertMesh.ChallengeSolver.Queue;
using CertMesh.ChallengeSolver.Scheduling;
using CertMesh.ChallengeSolver.SelfCheck;
using CertMesh.ChallengeSolver.Solvers;
using CertMesh.Domain.Resources;

namespace CertMesh.ChallengeSolver.Solving;

/// <summary>
/// Solves one held challenge as cert-manager's challenge controller does: look at the authorization (a valid one
/// needs no work), decide where the answer goes (DNS-01), present, self-check until it passes (every
/// <see cref="SelfCheckOptions.Interval"/>), accept, wait for the CA's verdict, clean up. The challenge keeps its slot through self-check retries, as cert-manager
/// keeps <c>processing</c> set: the in-flight limit then bounds what is presented, and one (dnsName, type) is never
/// presented twice at once (except DNS-01 values for one name, when the scheduler holds them together). Every step can
/// be redone, so after a crash another replica simply starts over. Errors that may pass (CA unreachable, 5xx, rate
/// limits, database trouble, DNS lookups, DnsWebhook not answering) are retried with back-off.
/// </summary>
internal sealed partial class ChallengeWorker(
    ChallengeRecorder recorder,
    SolverRegistry solvers,
    AcmeAccess acme,
    SelfCheckOptions selfCheck,
    Dns01PropagationMetrics propagation,
    TimeProvider time,
    ILogger<ChallengeWorker> logger) : IChallengeProcessor
{
    static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);
    static readonly TimeSpan MaxRetry = TimeSpan.FromMinutes(5);

    public async Task ProcessAsync(ChallengeHold hold, CancellationToken cancellationToken)
    {
        for (var failures = 0; ; failures++)
        {
            try
            {
                await AttemptAsync(hold, announce: failures == 0, cancellationToken);
                return;
            }
            catch (Exception exception) when (Transient.Is(exception, cancellationToken))
            {
                var delay = Transient.Delay(exception, failures, FirstRetry, MaxRetry);
                LogRetrying(exception, hold.Namespace, hold.Name, delay);
                await recorder.RecordErrorAsync(hold, $"{Transient.Describe(exception)} (retrying in {delay.TotalSeconds:0.#}s)", cancellationToken);
                await Task.Delay(delay, time, cancellationToken);
            }
        }
    }

    async Task AttemptAsync(ChallengeHold hold, bool announce, CancellationToken cancellationToken)
    {
        var challenge = await recorder.StartAsync(hold, announce, cancellationToken);
        if (challenge is null)
            return;
        var solver = solvers.For(hold.Work.Type);
        try
        {
            if (solver is null)
                throw new ChallengeFailure(ChallengeOutcome.NotSupported(SolverRegistry.NotSupportedMessage(hold.Work.Type)));
            var client = await acme.ClientForAsync(hold.Work.Account, challenge, cancellationToken);
            var authorization = await AuthorizationAsync(client, challenge, cancellationToken);
            if (authorization.Status != AcmeStatus.Valid)
            {
                challenge = await recorder.ResolveAsync(hold, solver, challenge, cancellationToken);
                challenge = await recorder.PresentAsync(hold, solver, challenge, cancellationToken);
                var presentedAt = time.GetUtcNow();
                await SelfCheckUntilPassedAsync(hold, solver, challenge, authorization.Expires, presentedAt, cancellationToken);
                await AcceptAsync(client, challenge, cancellationToken);
                await WaitForValidAsync(client, challenge, cancellationToken);
            }
            await recorder.FinishAsync(hold, ChallengeOutcome.Valid, solver, challenge, cancellationToken);
        }
        catch (ChallengeFailure failure)
        {
            await recorder.FinishAsync(hold, failure.Outcome, solver, challenge, cancellationToken);
        }
        catch (Exception exception) when (AcmeErrors.Final(exception, "talking to the ACME server") is { } outcome)
        {
            // A final CA answer from a step without a more specific reading (such as reading the challenge back).
            await recorder.FinishAsync(hold, outcome, solver, challenge, cancellationToken);
        }
    }

    /// <summary>Where the CA stands: a valid authorization (reused, or accepted by a holder that died) ends the work.</summary>
    static async Task<AcmeAuthorization> AuthorizationAsync(AcmeClient client, Challenge challenge, CancellationToken cancellationToken)
    {
        AcmeAuthorization authorization;
        try
        {
            authorization = await client.GetAuthorizationAsync(new Uri(challenge.Spec.AuthorizationUrl), cancellationToken);
        }
        catch (Exception exception) when (AcmeErrors.Final(exception, "retrieving the authorization") is { } outcome)
        {
            throw new ChallengeFailure(outcome);
        }
        return authorization.Status switch
        {
            AcmeStatus.Pending or AcmeStatus.Valid => authorization,
            AcmeStatus.Invalid => throw new ChallengeFailure(ChallengeOutcome.Invalid(
                authorization.Challenges.FirstOrDefault(c => c.Error is not null)?.Error?.Detail ?? "the authorization is invalid")),
            var other => throw new ChallengeFailure(ChallengeOutcome.Expired($"the authorization is {other}")),
        };
    }

    async Task SelfCheckUntilPassedAsync(ChallengeHold hold, IChallengeSolver solver, Challenge challenge, DateTimeOffset? expires, DateTimeOffset presentedAt, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await solver.CheckAsync(challenge, cancellationToken);
            if (solver.Type == ChallengeTypes.Dns01)
                propagation.Checked(result.Passed, time.GetUtcNow() - presentedAt);
            var retryAt = result.Passed ? (DateTimeOffset?)null : time.GetUtcNow() + selfCheck.Interval;
            await recorder.RecordSelfCheckAsync(hold, result, retryAt, cancellationToken);
            if (result.Passed)
                return;
            LogSelfCheckMissed(hold.Namespace, hold.Name, result.Detail);
            if (expires is { } end && retryAt >= end)
                throw new ChallengeFailure(ChallengeOutcome.Expired($"the authorization expires before the self check passed: {result.Detail}"));
            await Task.Delay(selfCheck.Interval, time, cancellationToken);
        }
    }

    /// <summary>Tells the CA to validate. A challenge a previous holder already accepted is refused by the CA; that is fine.</summary>
    static async Task AcceptAsync(AcmeClient client, Challenge challenge, CancellationToken cancellationToken)
    {
        var url = new Uri(challenge.Spec.Url);
        try
        {
            await client.RespondToChallengeAsync(new AcmeChallenge { Url = url, Type = challenge.Spec.Type.ToLowerInvariant(), Token = challenge.Spec.Token }, cancellationToken);
        }
        catch (Exception exception) when (AcmeErrors.Final(exception, "accepting the challenge") is { } outcome)
        {
            var current = await client.GetChallengeAsync(url, cancellationToken);
            if (current.Status is AcmeStatus.Processing or AcmeStatus.Valid)
                return;
            throw new ChallengeFailure(current.Status == AcmeStatus.Invalid && current.Error?.Detail is { } detail ? ChallengeOutcome.Invalid(detail) : outcome);
        }
    }

    static async Task WaitForValidAsync(AcmeClient client, Challenge challenge, CancellationToken cancellationToken)
    {
        try
        {
            await client.WaitForAuthorizationAsync(new Uri(challenge.Spec.AuthorizationUrl), cancellationToken);
        }
        catch (Exception exception) when (AcmeErrors.Final(exception, "waiting for the authorization") is { } outcome)
        {
            throw new ChallengeFailure(outcome);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Challenge {Namespace}/{Name}: self check missed: {Detail}")]
    partial void LogSelfCheckMissed(string @namespace, string name, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Challenge {Namespace}/{Name}: retrying in {Delay}")]
    partial void LogRetrying(Exception exception, string @namespace, string name, TimeSpan delay);
}
