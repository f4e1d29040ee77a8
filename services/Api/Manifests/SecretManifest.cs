using CertMesh.Domain.Resources;

namespace CertMesh.Api.Manifests;

/// <summary>A <c>v1 Secret</c> document, its <c>data</c> decoded and <c>stringData</c> merged over it. Writing it needs the
/// API token; its values never appear in errors, logs or responses.</summary>
public sealed record SecretManifest(int DocumentIndex, Secret Secret) : ManifestDocument(DocumentIndex)
{
    public override string Kind => ResourceKinds.Secret;
    public override string Namespace => Secret.Metadata.Namespace;
    public override string Name => Secret.Metadata.Name;
}
