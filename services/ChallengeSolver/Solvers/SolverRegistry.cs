namespace CertMesh.ChallengeSolver.Solvers;

/// <summary>The solvers this build has, by ACME type (HTTP-01 and DNS-01); a type without one fails clearly instead of being faked.</summary>
internal sealed class SolverRegistry(IEnumerable<IChallengeSolver> solvers)
{
    readonly Dictionary<string, IChallengeSolver> _byType = solvers.ToDictionary(s => s.Type, StringComparer.OrdinalIgnoreCase);

    public IChallengeSolver? For(string type) => _byType.GetValueOrDefault(type);

    public static string NotSupportedMessage(string type) =>
        $"{type.ToUpperInvariant()} is not supported by this CertMesh version yet";
}
