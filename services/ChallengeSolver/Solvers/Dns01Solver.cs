using CertMesh.Acme.Challenges;
using CertMesh.ChallengeSolver.Challenges;
using CertMesh.ChallengeSolver.SelfCheck;
using CertMesh.ChallengeSolver.Solving;
using CertMesh.Contracts.Dns;
using CertMesh.Domain.Resources;

namespace CertMesh.ChallengeSolver.Solvers;

/// <summary>
/// DNS-01: the Challenge's <c>spec.key</c> (base64url SHA-256 of the key authorization, cert-manager's DNS-01 key) is
/// added as a TXT value at the resolved fqdn through DnsWebhook, checked on every authoritative nameserver, and
/// removed again. Present and clean-up touch only this challenge's value, so challenges for one name (an apex and its
/// wildcard) can be presented together as a multi-value TXT set.
/// </summary>
internal sealed class Dns01Solver(Dns01Locator locator, DnsWebhookClient webhook, Dns01SelfCheck selfCheck) : IChallengeSolver
{
    public string Type => ChallengeTypes.Dns01;

    // A target already recorded (by this holder's earlier attempt or a previous holder) is kept: clean-up must find
    // the value where it was put, even if a CNAME changed since.
    public async Task<Dns01Target?> ResolveAsync(Challenge challenge, CancellationToken cancellationToken) =>
        Dns01Target.Of(challenge) is null ? await locator.LocateAsync(challenge, cancellationToken) : null;

    public async Task<SolverWrite?> PresentAsync(Challenge challenge, CancellationToken cancellationToken)
    {
        var target = Dns01Target.Of(challenge)
            ?? throw new InvalidOperationException($"DNS-01 challenge {challenge.Metadata.Name} presented before its fqdn and zone were resolved");
        if (await webhook.ChangeAsync(DnsRecordActions.Present, challenge, target, cancellationToken) is { } refused)
            throw new ChallengeFailure(ChallengeOutcome.Errored($"{refused.Reason}: {refused.Message}"));
        return null;
    }

    public Task<SelfCheckResult> CheckAsync(Challenge challenge, CancellationToken cancellationToken) => Dns01Target.Of(challenge) is { } target
        ? selfCheck.CheckAsync(challenge.Spec.DnsName, target, challenge.Spec.Key, cancellationToken)
        : throw new InvalidOperationException($"DNS-01 challenge {challenge.Metadata.Name} self-checked before its fqdn and zone were resolved");

    public async Task<SolverWrite?> CleanUpAsync(Challenge challenge, CancellationToken cancellationToken)
    {
        // No target recorded: nothing was ever sent to DnsWebhook.
        if (Dns01Target.Of(challenge) is not { } target)
            return null;
        if (await webhook.ChangeAsync(DnsRecordActions.CleanUp, challenge, target, cancellationToken) is { } refused)
            throw new CleanUpFailure($"{refused.Reason}: {refused.Message}");
        return null;
    }
}
