using CertMesh.Domain.Approval;
using CertMesh.Domain.Resources;

namespace CertMesh.Api.Manifests;

/// <summary>A <c>CertificateRequestPolicy</c> document, already validated; cluster-scoped, so it has no namespace.</summary>
public sealed record PolicyManifest(int DocumentIndex, CertificateRequestPolicy Policy) : ManifestDocument(DocumentIndex)
{
    public override string Kind => ResourceKinds.CertificateRequestPolicy;
    public override string Namespace => ResourceKinds.ClusterNamespace;
    public override string Name => Policy.Metadata.Name;
}
