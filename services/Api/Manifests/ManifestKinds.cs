using CertMesh.Domain.Authorization;
using CertMesh.Domain.Approval;
using CertMesh.Domain.Resources;

namespace CertMesh.Api.Manifests;

/// <summary>A kind <c>apply</c> accepts: the apiVersion it must come with, the shape of the whole document, and whether
/// it must have a <c>spec</c> (a Secret has none).</summary>
internal sealed record ManifestKind(string ApiVersion, Shape Document, bool HasSpec = true);

/// <summary>The kinds a manifest may hold: cert-manager's Certificate, Issuer and ClusterIssuer, approver-policy's
/// CertificateRequestPolicy, core v1 Secrets, and CertMesh's access kinds (principals, bindings, ClusterIssuer grants).</summary>
internal static class ManifestKinds
{
    public static IReadOnlyDictionary<string, ManifestKind> All { get; } = new Dictionary<string, ManifestKind>(StringComparer.Ordinal)
    {
        [ResourceKinds.Certificate] = CertManager(CertManagerSchema.CertificateSpec),
        [ResourceKinds.Issuer] = CertManager(CertManagerSchema.IssuerSpec),
        [ResourceKinds.ClusterIssuer] = CertManager(CertManagerSchema.IssuerSpec),
        [ResourceKinds.Secret] = new(SecretSchema.ApiVersion, SecretSchema.Document, HasSpec: false),
        [ResourceKinds.Namespace] = new("v1", Shape.Object(("apiVersion", Shape.String), ("kind", Shape.String), ("metadata", CertManagerSchema.Metadata)), HasSpec: false),
        [AuthKinds.Principal] = AuthSchema.Kind(AuthSchema.PrincipalSpec),
        [AuthKinds.RoleBinding] = AuthSchema.Kind(AuthSchema.RoleBindingSpec),
        [AuthKinds.ClusterRoleBinding] = AuthSchema.Kind(AuthSchema.RoleBindingSpec),
        [AuthKinds.ClusterIssuerGrant] = AuthSchema.Kind(AuthSchema.ClusterIssuerGrantSpec),
        [ResourceKinds.CertificateRequestPolicy] = CertManager(PolicySchema.Spec, CertificateRequestPolicy.ApiVersion),
    };

    private static ManifestKind CertManager(Shape spec, string apiVersion = ResourceKinds.ApiVersion) => new(apiVersion, Shape.Object(
        ("apiVersion", Shape.String),
        ("kind", Shape.String),
        ("metadata", CertManagerSchema.Metadata),
        ("spec", spec),
        ("status", Shape.VerbatimObject)));
}
