using MassTransit;

namespace CertMesh.ChallengeSolver.Challenges;

/// <summary>
/// Creating a Challenge is one short transaction; the slow part runs under the scheduler, so this endpoint only
/// needs the usual handful at a time (CERTMESH_SOLVE_CHALLENGE_CONCURRENCY, default 16).
/// </summary>
internal sealed class SolveChallengeConsumerDefinition : ConsumerDefinition<SolveChallengeConsumer>
{
    public SolveChallengeConsumerDefinition(IConfiguration configuration)
    {
        ConcurrentMessageLimit = configuration.GetValue("CERTMESH_SOLVE_CHALLENGE_CONCURRENCY", 16);
    }
}
