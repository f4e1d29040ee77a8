using CertMesh.Domain.Approval;
using CertMesh.Domain.Resources;
using CertMesh.Hosting.Caching;
using CertMesh.Persistence.Database;

namespace CertMesh.Issuing.Approval;

/// <summary>
/// The CertificateRequestPolicies and the namespaces' labels, read once per <see cref="RefreshAfter"/> rather than twice per
/// request: a few rows an admin rarely changes, consulted by every issuance. A change holds within that time.
/// </summary>
public sealed class ApprovalPolicies(CertMeshDatabase database, TimeProvider time)
{
    public static readonly TimeSpan RefreshAfter = TimeSpan.FromSeconds(2);

    readonly RefreshingValue<Snapshot> _current = new(ct => database.RunAsync(unit => ReadAsync(unit, ct), ct), RefreshAfter, time);

    public sealed record Snapshot(IReadOnlyList<CertificateRequestPolicy> Policies, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Labels);

    public ValueTask<Snapshot> CurrentAsync(CancellationToken cancellationToken) => _current.CurrentAsync(cancellationToken);

    static async Task<Snapshot> ReadAsync(UnitOfWork unit, CancellationToken cancellationToken)
    {
        var policies = await unit.Resources.ListAsync<CertificateRequestPolicy>(ResourceKinds.CertificateRequestPolicy, ResourceKinds.ClusterNamespace, cancellationToken);
        var namespaces = await unit.Resources.ListAsync<Namespace>(ResourceKinds.Namespace, ResourceKinds.ClusterNamespace, cancellationToken);
        return new Snapshot(
            policies.Select(p => p.Document).ToList(),
            namespaces.ToDictionary(n => n.Document.Metadata.Name, n => n.Document.Metadata.Labels ?? NamespaceLabels.None, StringComparer.Ordinal));
    }
}
