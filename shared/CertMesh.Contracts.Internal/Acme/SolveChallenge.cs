namespace CertMesh.Contracts.Acme;

/// <summary>
/// AcmeOrder asks the ChallengeSolver replicas to prove one authorization. The solver creates the Challenge
/// resource <c>ChallengeName</c> once (a redelivery finds it), schedules, presents, self-checks, accepts, waits
/// for the authorization and cleans up. The account key is read from the Secret it names, never sent.
/// </summary>
public sealed record SolveChallenge
{
    public Guid OrderId { get; init; }
    public string Namespace { get; init; } = "";
    public string OrderName { get; init; } = "";
    /// <summary>The Certificate the order serves, labelled on the Challenge so its deletion finds it; empty in a message
    /// sent before this field existed.</summary>
    public string CertificateName { get; init; } = "";
    public string ChallengeName { get; init; } = "";
    public IssuerReference IssuerRef { get; init; } = new();

    public string DnsName { get; init; } = "";
    public bool Wildcard { get; init; }
    /// <summary><c>http-01</c> or <c>dns-01</c>.</summary>
    public string Type { get; init; } = "";
    public string Token { get; init; } = "";
    /// <summary>What the CA checks, as cert-manager's Challenge <c>spec.key</c>: the key authorization for HTTP-01 (the
    /// body to serve), its base64url SHA-256 for DNS-01 (the TXT value).</summary>
    public string Key { get; init; } = "";
    public string ChallengeUrl { get; init; } = "";
    public string AuthorizationUrl { get; init; } = "";
    /// <summary>The issuer's solver entry that was selected, as JSON (cert-manager's <c>spec.solver</c>).</summary>
    public string SolverJson { get; init; } = "{}";

    public string AcmeServer { get; init; } = "";
    public string AccountUrl { get; init; } = "";
    public string AccountKeySecretNamespace { get; init; } = "";
    public string AccountKeySecretName { get; init; } = "";
}
