using CertMesh.Contracts;
using CertMesh.Domain.Resources;

namespace CertMesh.Api.Manifests;

/// <summary>A <c>Certificate</c> document, as the command that creates or updates it.</summary>
public sealed record CertificateManifest(int DocumentIndex, IssueCertificate Command) : ManifestDocument(DocumentIndex)
{
    public override string Kind => ResourceKinds.Certificate;
    public override string Namespace => Command.Namespace;
    public override string Name => Command.Name;
}
