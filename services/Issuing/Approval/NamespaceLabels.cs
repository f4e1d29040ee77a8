using CertMesh.Persistence.Database;

namespace CertMesh.Issuing.Approval;

/// <summary>
/// The labels of a namespace, which a policy's <c>selector.namespace.matchLabels</c> is matched against. CertMesh has
/// no Namespace resource yet, so every namespace has none and only label-free selectors match.
/// </summary>
internal static class NamespaceLabels
{
    static readonly IReadOnlyDictionary<string, string> None = new Dictionary<string, string>();

    // TODO(namespaces): read the Namespace resource's labels here once the lead adds it; this is the only caller to change.
    public static Task<IReadOnlyDictionary<string, string>> LookupAsync(UnitOfWork unit, string @namespace, CancellationToken cancellationToken) =>
        Task.FromResult(None);
}
