using CertMesh.Acme.Challenges;
using CertMesh.ChallengeSolver.SelfCheck;
using CertMesh.Domain.Resources;
using CertMesh.Persistence.Challenges;
using CertMesh.Persistence.Database;

namespace CertMesh.ChallengeSolver.Solvers;

/// <summary>HTTP-01: the token goes into the token store every Edge replica answers from.</summary>
internal sealed class Http01Solver(Http01SelfCheck selfCheck) : IChallengeSolver
{
    public string Type => ChallengeTypes.Http01;

    public Task PresentAsync(UnitOfWork unit, Challenge challenge, CancellationToken cancellationToken) =>
        Http01TokenStore.PresentAsync(unit, challenge.Spec.Token, challenge.Spec.Key, challenge.Spec.DnsName, cancellationToken);

    public Task<SelfCheckResult> CheckAsync(Challenge challenge, CancellationToken cancellationToken) =>
        selfCheck.CheckAsync(challenge.Spec.DnsName, challenge.Spec.Token, challenge.Spec.Key, cancellationToken);

    public Task CleanUpAsync(UnitOfWork unit, Challenge challenge, CancellationToken cancellationToken) =>
        Http01TokenStore.RemoveAsync(unit, challenge.Spec.Token, cancellationToken);
}
