namespace CertMesh.Issuing.Approval;

/// <summary>
/// The labels of a namespace, which a policy's <c>selector.namespace.matchLabels</c> is matched against: those of its
/// <c>v1 Namespace</c> resource, or none when no Namespace was applied for it.
/// </summary>
internal static class NamespaceLabels
{
    public static readonly IReadOnlyDictionary<string, string> None = new Dictionary<string, string>();

    public static IReadOnlyDictionary<string, string> Of(ApprovalPolicies.Snapshot snapshot, string @namespace) =>
        snapshot.Labels.GetValueOrDefault(@namespace) ?? None;
}
