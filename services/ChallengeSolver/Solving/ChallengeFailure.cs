using CertMesh.ChallengeSolver.Challenges;

namespace CertMesh.ChallengeSolver.Solving;

/// <summary>The challenge reached a final state other than valid; thrown from any step, recorded once by the worker.</summary>
internal sealed class ChallengeFailure(ChallengeOutcome outcome) : Exception(outcome.Message)
{
    public ChallengeOutcome Outcome { get; } = outcome;
}
