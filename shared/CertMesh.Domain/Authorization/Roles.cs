namespace CertMesh.Domain.Authorization;

/// <summary>The four roles. view, edit and secrets are granted per namespace (or everywhere by a ClusterRoleBinding);
/// admin is cluster-wide and may do everything.</summary>
public static class Roles
{
    public const string View = "view";
    public const string Edit = "edit";
    public const string Secrets = "secrets";
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> Namespaced = [View, Edit, Secrets];
    public static readonly IReadOnlyList<string> All = [View, Edit, Secrets, Admin];
}
