namespace CertMesh.Domain.Authorization;

/// <summary>One thing a caller asks to do: <c>Verb</c> on <c>Kind</c> in <c>Namespace</c>. A null namespace means every
/// namespace (a list across all of them) or, for a cluster-scoped kind, the cluster.</summary>
public sealed record AccessRequest(string Verb, string Kind, string? Namespace)
{
    /// <summary>kubectl's wording: "apply Certificate in namespace "b"".</summary>
    public string Describe() => Namespace is null
        ? (RolePermissions.IsClusterScoped(Kind) ? $"{Verb} {Kind}" : $"{Verb} {Kind} in all namespaces")
        : $"{Verb} {Kind} in namespace \"{Namespace}\"";
}
