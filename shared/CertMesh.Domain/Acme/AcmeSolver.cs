namespace CertMesh.Domain.Acme;

/// <summary>
/// One entry of <c>spec.acme.solvers</c>: its challenge type, its selector, and the entry verbatim (what the
/// ChallengeSolver receives as <c>SolverJson</c> and stores as the Challenge's <c>spec.solver</c>).
/// </summary>
public sealed record AcmeSolver
{
    /// <summary>Position in the issuer's list: ties between equally specific solvers go to the earlier one.</summary>
    public int Index { get; init; }

    /// <summary><see cref="SolverTypes.Http01"/> or <see cref="SolverTypes.Dns01"/>; null when the entry has neither
    /// (admission refuses that, but a stored issuer is read defensively) so it never matches.</summary>
    public string? Type { get; init; }

    /// <summary>Null when the entry has no <c>selector</c>: it matches everything, with the lowest priority.</summary>
    public CertificateDnsNameSelector? Selector { get; init; }

    public string Json { get; init; } = "{}";
}

/// <summary>cert-manager's <c>solvers[].selector</c>; an empty list or map places no constraint.</summary>
public sealed record CertificateDnsNameSelector
{
    public IReadOnlyList<string> DnsNames { get; init; } = [];
    public IReadOnlyList<string> DnsZones { get; init; } = [];
    public IReadOnlyDictionary<string, string> MatchLabels { get; init; } = new Dictionary<string, string>();
}

/// <summary>ACME challenge type names, which is how solver types are compared with what a CA offers.</summary>
public static class SolverTypes
{
    public const string Http01 = "http-01";
    public const string Dns01 = "dns-01";
}
