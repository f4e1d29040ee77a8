using CertMesh.Domain.Authorization;

namespace CertMesh.Api.Manifests;

/// <summary>The fields of CertMesh's own access kinds (<c>auth.certmesh.io/v1</c>); anything else is reported as unknown.</summary>
internal static class AuthSchema
{
    public static readonly Shape PrincipalSpec = Shape.Object(
        ("description", Shape.String),
        ("tokens", Shape.ListOf(Shape.Object(
            ("id", Shape.String),
            ("sha256", Shape.String),
            ("expires", Shape.String),
            ("revoked", Shape.Boolean)))),
        ("rabbitmqUser", Shape.String),
        ("disabled", Shape.Boolean));

    public static readonly Shape RoleBindingSpec = Shape.Object(
        ("role", Shape.String),
        ("subjects", Shape.ListOf(Shape.Object(("kind", Shape.String), ("name", Shape.String)))));

    public static readonly Shape ClusterIssuerGrantSpec = Shape.Object(
        ("clusterIssuers", Shape.StringList),
        ("namespaces", Shape.StringList));

    public static ManifestKind Kind(Shape spec) => new(AuthKinds.ApiVersion, Shape.Object(
        ("apiVersion", Shape.String),
        ("kind", Shape.String),
        ("metadata", CertManagerSchema.Metadata),
        ("spec", spec)));
}
