using CertMesh.Domain.Authorization;
using CertMesh.Domain.Resources;

namespace CertMesh.Api.Manifests;

/// <summary>A <c>Principal</c>, <c>RoleBinding</c>, <c>ClusterRoleBinding</c>, <c>ClusterIssuerGrant</c> or <c>v1 Namespace</c>
/// document (the cluster-level kinds only an admin writes); <c>Resource</c> is the Domain record of that kind.</summary>
public sealed record AccessManifest(int DocumentIndex, string ResourceKind, string ResourceNamespace, string ResourceName, object Resource) : ManifestDocument(DocumentIndex)
{
    public override string Kind => ResourceKind;
    public override string Namespace => ResourceNamespace;
    public override string Name => ResourceName;

    public static bool IsAccessKind(string kind) =>
        kind is AuthKinds.Principal or AuthKinds.RoleBinding or AuthKinds.ClusterRoleBinding or AuthKinds.ClusterIssuerGrant or ResourceKinds.Namespace;
}
