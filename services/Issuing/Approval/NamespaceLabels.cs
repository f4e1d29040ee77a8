using CertMesh.Domain.Resources;
using CertMesh.Persistence.Database;
using CertMesh.Persistence.Resources;

namespace CertMesh.Issuing.Approval;

/// <summary>
/// The labels of a namespace, which a policy's <c>selector.namespace.matchLabels</c> is matched against: those of its
/// <c>v1 Namespace</c> resource, or none when no Namespace was applied for it.
/// </summary>
internal static class NamespaceLabels
{
    static readonly IReadOnlyDictionary<string, string> None = new Dictionary<string, string>();

    public static async Task<IReadOnlyDictionary<string, string>> LookupAsync(UnitOfWork unit, string @namespace, CancellationToken cancellationToken)
    {
        var stored = await unit.Resources.GetAsync<Namespace>(new ResourceKey(ResourceKinds.Namespace, ResourceKinds.ClusterNamespace, @namespace), cancellationToken);
        return stored?.Document.Metadata.Labels ?? None;
    }
}
