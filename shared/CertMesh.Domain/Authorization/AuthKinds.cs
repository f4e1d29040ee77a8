namespace CertMesh.Domain.Authorization;

/// <summary>The kinds that say who may do what. They live in their own API group, apart from cert-manager's, and only an
/// admin may write them.</summary>
public static class AuthKinds
{
    public const string Group = "auth.certmesh.io";
    public const string ApiVersion = "auth.certmesh.io/v1";

    public const string Principal = "Principal";
    public const string RoleBinding = "RoleBinding";
    public const string ClusterRoleBinding = "ClusterRoleBinding";
    public const string ClusterIssuerGrant = "ClusterIssuerGrant";
}
