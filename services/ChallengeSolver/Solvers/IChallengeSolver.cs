using CertMesh.ChallengeSolver.SelfCheck;
using CertMesh.Domain.Resources;
using CertMesh.Persistence.Database;

namespace CertMesh.ChallengeSolver.Solvers;

/// <summary>
/// How one challenge type is proved: put the answer where the CA looks, check it is visible from outside, take it
/// away. Present and clean-up write inside the caller's unit (with the status change that records them) and must
/// be safe to repeat: a replica taking over after a crash does them again.
/// </summary>
internal interface IChallengeSolver
{
    /// <summary>The ACME challenge type, lower case (<c>http-01</c>).</summary>
    string Type { get; }

    Task PresentAsync(UnitOfWork unit, Challenge challenge, CancellationToken cancellationToken);

    Task<SelfCheckResult> CheckAsync(Challenge challenge, CancellationToken cancellationToken);

    Task CleanUpAsync(UnitOfWork unit, Challenge challenge, CancellationToken cancellationToken);
}
