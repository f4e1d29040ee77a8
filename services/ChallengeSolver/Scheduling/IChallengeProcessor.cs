using CertMesh.ChallengeSolver.Queue;

namespace CertMesh.ChallengeSolver.Scheduling;

/// <summary>
/// The work on one held challenge. It returns once it has released the hold (committed with the final state);
/// it throws <see cref="LeaseLostException"/> when the hold was lost, and stops when the token is cancelled
/// (shutdown or lost lease), leaving the release to the scheduler.
/// </summary>
internal interface IChallengeProcessor
{
    Task ProcessAsync(ChallengeHold hold, CancellationToken cancellationToken);
}
