using CertMesh.Api.Manifests;
using CertMesh.Domain.Resources;
using CertMesh.Persistence.Database;

namespace CertMesh.Api.Apply;

/// <summary>
/// Writes an applied Secret whole, as <c>kubectl apply</c> of a complete Secret leaves it: type, data, labels and
/// annotations as given; uid and creation time kept from the first write. Encrypted at rest by the store.
/// </summary>
internal sealed class SecretApplier(CertMeshDatabase database, TimeProvider time)
{
    public async Task<AppliedResource> ApplyAsync(SecretManifest manifest, CancellationToken cancellationToken)
    {
        var secret = manifest.Secret;
        var (ns, name) = (secret.Metadata.Namespace, secret.Metadata.Name);
        // Created or changed by someone else between our read and write: the helper reads again in a fresh unit.
        return await database.RunWithRetryAsync(async unit =>
        {
            var existing = await unit.Secrets.GetAsync(ns, name, cancellationToken);
            string action;
            if (existing is null)
            {
                var created = secret with { Metadata = secret.Metadata with { Uid = Guid.CreateVersion7(), CreationTimestamp = time.GetUtcNow() } };
                await unit.Secrets.PutAsync(created, null, cancellationToken);
                action = "created";
            }
            else if (Same(existing.Document, secret))
            {
                action = "unchanged";
            }
            else
            {
                var metadata = existing.Document.Metadata with { Labels = secret.Metadata.Labels, Annotations = secret.Metadata.Annotations };
                await unit.Secrets.PutAsync(secret with { Metadata = metadata }, existing.ResourceVersion, cancellationToken);
                action = "configured";
            }
            return new AppliedResource(ResourceKinds.Secret, ns, name, action);
        }, cancellationToken);
    }

    static bool Same(Secret stored, Secret applied) =>
        stored.Type == applied.Type
        && SameMap(stored.Metadata.Labels, applied.Metadata.Labels)
        && SameMap(stored.Metadata.Annotations, applied.Metadata.Annotations)
        && stored.Data.Count == applied.Data.Count
        && stored.Data.All(entry => applied.Data.TryGetValue(entry.Key, out var value) && value.AsSpan().SequenceEqual(entry.Value));

    static bool SameMap(IReadOnlyDictionary<string, string>? a, IReadOnlyDictionary<string, string>? b) =>
        (a?.Count ?? 0) == (b?.Count ?? 0) && (a ?? new Dictionary<string, string>()).All(e => b!.TryGetValue(e.Key, out var v) && v == e.Value);
}
