namespace CertMesh.ChallengeSolver.Solving;

/// <summary>
/// A clean-up that trying again cannot fix (the TSIG key was rejected, the solver configuration is gone). The
/// challenge's outcome stands; the failure is recorded as a warning event instead of holding the slot forever.
/// </summary>
internal sealed class CleanUpFailure(string message) : Exception(message);
