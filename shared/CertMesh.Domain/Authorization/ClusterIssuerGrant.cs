using CertMesh.Domain.Resources;

namespace CertMesh.Domain.Authorization;

/// <summary>Which namespaces may <c>use</c> which ClusterIssuers (cluster-scoped, admin only). A Certificate in a
/// namespace no grant covers is refused when it names a ClusterIssuer, whoever asks. <c>*</c> means any.</summary>
public sealed record ClusterIssuerGrant
{
    public string Kind { get; init; } = AuthKinds.ClusterIssuerGrant;
    public ObjectMeta Metadata { get; init; } = new();
    public ClusterIssuerGrantSpec Spec { get; init; } = new();
}

public sealed record ClusterIssuerGrantSpec
{
    public IReadOnlyList<string> ClusterIssuers { get; init; } = [];
    public IReadOnlyList<string> Namespaces { get; init; } = [];
}
