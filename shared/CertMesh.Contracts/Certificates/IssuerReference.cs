namespace CertMesh.Contracts;

/// <summary>Which signer a certificate uses; <c>Kind</c> is <c>Issuer</c> (namespaced) or <c>ClusterIssuer</c>.</summary>
public sealed record IssuerReference
{
    public string Name { get; init; } = "";
    public string? Kind { get; init; }
    public string? Group { get; init; }
}
