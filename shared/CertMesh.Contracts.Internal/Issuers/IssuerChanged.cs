namespace CertMesh.Contracts.Issuers;

/// <summary>
/// An Issuer or ClusterIssuer was created or its spec changed (published by the Api in the same transaction).
/// AcmeOrder reacts by registering or updating the ACME account and setting the issuer's Ready condition.
/// </summary>
public sealed record IssuerChanged
{
    /// <summary><c>Issuer</c> or <c>ClusterIssuer</c>.</summary>
    public string Kind { get; init; } = "";
    /// <summary>Empty for a ClusterIssuer.</summary>
    public string Namespace { get; init; } = "";
    public string Name { get; init; } = "";
    public long Generation { get; init; }
}
