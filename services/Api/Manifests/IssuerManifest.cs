using CertMesh.Domain.Resources;

namespace CertMesh.Api.Manifests;

/// <summary>An <c>Issuer</c> or <c>ClusterIssuer</c> document (<c>Issuer.Kind</c> tells which).
/// Status, uid, generation and resourceVersion are left for the store to fill.</summary>
public sealed record IssuerManifest(int DocumentIndex, Issuer Issuer) : ManifestDocument(DocumentIndex)
{
    public override string Kind => Issuer.Kind;
    public override string Namespace => Issuer.Metadata.Namespace;
    public override string Name => Issuer.Metadata.Name;
}
