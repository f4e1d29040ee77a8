using CertMesh.Domain.Resources;

namespace CertMesh.Domain.Authorization;

/// <summary>Grants a role to principals: in one namespace (<c>RoleBinding</c>, roles view, edit, secrets) or in every
/// namespace (<c>ClusterRoleBinding</c>, the same roles or admin). Kubernetes RBAC's shape, kept to four roles.</summary>
public sealed record RoleBinding
{
    public string Kind { get; init; } = AuthKinds.RoleBinding;
    public ObjectMeta Metadata { get; init; } = new();
    public RoleBindingSpec Spec { get; init; } = new();
}

public sealed record RoleBindingSpec
{
    public string Role { get; init; } = "";
    public IReadOnlyList<Subject> Subjects { get; init; } = [];
}

/// <summary>Who a binding is for; only <c>Principal</c> subjects exist.</summary>
public sealed record Subject
{
    public string Kind { get; init; } = AuthKinds.Principal;
    public string Name { get; init; } = "";
}
