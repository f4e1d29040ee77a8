using CertMesh.Persistence.Database;

namespace CertMesh.ChallengeSolver.Solvers;

/// <summary>
/// A solver's database writes for one step (HTTP-01's token row and its event), run inside the unit that records the
/// step on the Challenge, so both commit together and only while this replica still holds the challenge.
/// </summary>
internal delegate Task SolverWrite(UnitOfWork unit, CancellationToken cancellationToken);
