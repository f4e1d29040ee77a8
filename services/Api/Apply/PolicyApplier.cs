using System.Text.Json;
using CertMesh.Api.Manifests;
using CertMesh.Domain.Approval;
using CertMesh.Domain.Resources;
using CertMesh.Persistence.Database;
using CertMesh.Persistence.Resources;

namespace CertMesh.Api.Apply;

/// <summary>
/// Stores an applied CertificateRequestPolicy (cluster-scoped, under <see cref="ResourceKinds.ClusterNamespace"/>).
/// Issuing reads the policies afresh for every new CertificateRequest, so nothing else needs telling. Requests already
/// decided stay as they are, as with approver-policy.
/// </summary>
internal sealed class PolicyApplier(CertMeshDatabase database, TimeProvider time)
{
    public async Task<AppliedResource> ApplyAsync(PolicyManifest manifest, CancellationToken cancellationToken)
    {
        var policy = manifest.Policy;
        var key = new ResourceKey(ResourceKinds.CertificateRequestPolicy, ResourceKinds.ClusterNamespace, policy.Metadata.Name);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await using var unit = await database.BeginAsync(cancellationToken);
                var existing = await unit.Resources.GetAsync<CertificateRequestPolicy>(key, cancellationToken);
                string action;
                if (existing is null)
                {
                    var metadata = policy.Metadata with { Namespace = ResourceKinds.ClusterNamespace, Uid = Guid.CreateVersion7(), Generation = 1, CreationTimestamp = time.GetUtcNow() };
                    await unit.Resources.CreateAsync(key, metadata.Uid, policy with { Metadata = metadata }, null, cancellationToken);
                    action = "created";
                }
                else if (Same(existing.Document, policy))
                {
                    action = "unchanged";
                }
                else
                {
                    var current = existing.Document.Metadata;
                    var metadata = current with
                    {
                        Generation = current.Generation + (Same(existing.Document.Spec, policy.Spec) ? 0 : 1),
                        Labels = policy.Metadata.Labels,
                        Annotations = policy.Metadata.Annotations,
                    };
                    await unit.Resources.UpdateAsync(key, policy with { Metadata = metadata }, existing.ResourceVersion, null, cancellationToken);
                    action = "configured";
                }
                await unit.CommitAsync(cancellationToken);
                return new AppliedResource(ResourceKinds.CertificateRequestPolicy, ResourceKinds.ClusterNamespace, policy.Metadata.Name, action);
            }
            catch (ResourceConflictException) when (attempt < 5)
            {
                // Someone else wrote it between our read and write: read again.
            }
        }
    }

    static bool Same(CertificateRequestPolicy stored, CertificateRequestPolicy applied) =>
        Same(stored.Spec, applied.Spec) && Same(stored.Metadata.Labels, applied.Metadata.Labels) && Same(stored.Metadata.Annotations, applied.Metadata.Annotations);

    static bool Same<T>(T a, T b) => JsonSerializer.Serialize(a, Json.Options) == JsonSerializer.Serialize(b, Json.Options);
}
