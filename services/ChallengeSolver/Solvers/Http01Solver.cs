using CertMesh.Acme.Challenges;
using CertMesh.ChallengeSolver.SelfCheck;
using CertMesh.Domain.Resources;
using CertMesh.Persistence.Challenges;

namespace CertMesh.ChallengeSolver.Solvers;

/// <summary>HTTP-01: the token goes into the token store every Edge replica answers from, in the recording transaction.</summary>
internal sealed class Http01Solver(Http01SelfCheck selfCheck) : IChallengeSolver
{
    public string Type => ChallengeTypes.Http01;

    public Task<Dns01Target?> ResolveAsync(Challenge challenge, CancellationToken cancellationToken) => Task.FromResult<Dns01Target?>(null);

    public Task<SolverWrite?> PresentAsync(Challenge challenge, CancellationToken cancellationToken) =>
        Task.FromResult<SolverWrite?>((unit, ct) => Http01TokenStore.PresentAsync(unit, challenge.Spec.Token, challenge.Spec.Key, challenge.Spec.DnsName, ct));

    public Task<SelfCheckResult> CheckAsync(Challenge challenge, CancellationToken cancellationToken) =>
        selfCheck.CheckAsync(challenge.Spec.DnsName, challenge.Spec.Token, challenge.Spec.Key, cancellationToken);

    // The token and status.presented commit together, so an unpresented challenge has no token to remove.
    public Task<SolverWrite?> CleanUpAsync(Challenge challenge, CancellationToken cancellationToken) =>
        Task.FromResult<SolverWrite?>(challenge.Status.Presented ? (unit, ct) => Http01TokenStore.RemoveAsync(unit, challenge.Spec.Token, ct) : null);
}
