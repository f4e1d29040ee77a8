using CertMesh.ChallengeSolver.SelfCheck;
using CertMesh.Domain.Resources;

namespace CertMesh.ChallengeSolver.Solvers;

/// <summary>
/// How one challenge type is proved: decide where the answer goes, put it there, check it is visible from outside,
/// take it away. Work outside the database (DNS lookups, DnsWebhook's round trip) happens in these calls, with no
/// transaction open; what must commit with the status change that records a step is handed back as a
/// <see cref="SolverWrite"/>. Every call must be safe to repeat: a replica taking over after a crash does them again.
/// </summary>
internal interface IChallengeSolver
{
    /// <summary>The ACME challenge type, lower case (<c>http-01</c>).</summary>
    string Type { get; }

    /// <summary>
    /// Where a DNS-01 TXT value goes, decided before anything is presented and recorded on the Challenge, so clean-up
    /// (also a later holder's) removes from the same place; null when there is nothing to decide (HTTP-01) or the
    /// Challenge already has it.
    /// </summary>
    Task<Dns01Target?> ResolveAsync(Challenge challenge, CancellationToken cancellationToken);

    /// <summary>Puts the answer in place; throws <c>ChallengeFailure</c> when that can never work.</summary>
    Task<SolverWrite?> PresentAsync(Challenge challenge, CancellationToken cancellationToken);

    Task<SelfCheckResult> CheckAsync(Challenge challenge, CancellationToken cancellationToken);

    /// <summary>
    /// Takes away what this challenge may have presented (nothing when it never got that far), in every final state;
    /// throws <c>CleanUpFailure</c> when the removal failed for good.
    /// </summary>
    Task<SolverWrite?> CleanUpAsync(Challenge challenge, CancellationToken cancellationToken);
}
