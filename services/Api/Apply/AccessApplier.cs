using System.Text.Json;
using CertMesh.Api.Manifests;
using CertMesh.Domain.Authorization;
using CertMesh.Domain.Resources;
using CertMesh.Hosting.Authorization;
using CertMesh.Persistence.Database;
using CertMesh.Persistence.Resources;

namespace CertMesh.Api.Apply;

/// <summary>
/// Stores principals, bindings and ClusterIssuer grants (the Api is their one writer), with an event naming who applied
/// each. The access cache is dropped afterwards, so this replica's next call already sees the change; other replicas
/// see it within <see cref="AccessOptions.DefaultRefresh"/>.
/// </summary>
internal sealed class AccessApplier(CertMeshDatabase database, AccessCache cache, TimeProvider time)
{
    public async Task<AppliedResource> ApplyAsync(AccessManifest manifest, string actor, CancellationToken cancellationToken)
    {
        var key = new ResourceKey(manifest.Kind, manifest.Namespace, manifest.Name);
        var action = manifest.Resource switch
        {
            Principal principal => await UpsertAsync(key, principal, p => p.Metadata, (p, m) => p with { Metadata = m }, p => p.Spec, actor, cancellationToken),
            RoleBinding binding => await UpsertAsync(key, binding, b => b.Metadata, (b, m) => b with { Metadata = m }, b => b.Spec, actor, cancellationToken),
            ClusterIssuerGrant grant => await UpsertAsync(key, grant, g => g.Metadata, (g, m) => g with { Metadata = m }, g => g.Spec, actor, cancellationToken),
            Namespace ns => await UpsertAsync(key, ns, n => n.Metadata, (n, m) => n with { Metadata = m }, _ => "", actor, cancellationToken),
            _ => throw new InvalidOperationException($"{manifest.Kind} is not an access kind"),
        };
        cache.Invalidate();
        return new AppliedResource(manifest.Kind, manifest.Namespace, manifest.Name, action);
    }

    /// <summary>Other principals already naming one of these RabbitMQ users: one user proves one principal.</summary>
    public static IEnumerable<ManifestError> RabbitMqUserClashes(IReadOnlyList<AccessManifest> manifests, IReadOnlyList<Principal> stored)
    {
        var owners = stored.Where(p => p.Spec.RabbitMqUser is { Length: > 0 })
            .ToDictionary(p => p.Spec.RabbitMqUser!, p => p.Metadata.Name, StringComparer.Ordinal);
        foreach (var manifest in manifests)
        {
            if (manifest.Resource is not Principal { Spec.RabbitMqUser: { Length: > 0 } user })
                continue;
            if (owners.TryGetValue(user, out var owner) && owner != manifest.Name)
                yield return new ManifestError(manifest.DocumentIndex, manifest.Kind, manifest.Name, "spec.rabbitmqUser",
                    $"Duplicate value: \"{user}\": principal \"{owner}\" already publishes as this RabbitMQ user");
            else
                owners[user] = manifest.Name;
        }
    }

    /// <summary>A token hash another principal already holds: one token must prove one principal.</summary>
    public static IEnumerable<ManifestError> TokenClashes(IReadOnlyList<AccessManifest> manifests, IReadOnlyList<Principal> stored)
    {
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var principal in stored)
            foreach (var token in principal.Spec.Tokens ?? [])
                owners.TryAdd(token.Sha256, principal.Metadata.Name);
        foreach (var manifest in manifests)
        {
            if (manifest.Resource is not Principal principal)
                continue;
            var tokens = principal.Spec.Tokens ?? [];
            for (var i = 0; i < tokens.Count; i++)
            {
                if (owners.TryGetValue(tokens[i].Sha256, out var owner) && owner != manifest.Name)
                    yield return new ManifestError(manifest.DocumentIndex, manifest.Kind, manifest.Name, $"spec.tokens[{i}].sha256",
                        $"Duplicate value: principal \"{owner}\" already holds this token; make a new one (certmesh auth new-token)");
                else
                    owners[tokens[i].Sha256] = manifest.Name;
            }
        }
    }

    async Task<string> UpsertAsync<T>(ResourceKey key, T incoming, Func<T, ObjectMeta> meta, Func<T, ObjectMeta, T> withMeta, Func<T, object> spec, string actor, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await using var unit = await database.BeginAsync(cancellationToken);
                var existing = await unit.Resources.GetAsync<T>(key, cancellationToken);
                string action;
                var applied = meta(incoming);
                if (existing is null)
                {
                    var created = withMeta(incoming, applied with { Uid = Guid.CreateVersion7(), Generation = 1, CreationTimestamp = time.GetUtcNow() });
                    await unit.Resources.CreateAsync(key, meta(created).Uid, created, null, cancellationToken);
                    action = "created";
                }
                else if (Same(spec(existing.Document), spec(incoming)) && Same(meta(existing.Document).Labels, applied.Labels) && Same(meta(existing.Document).Annotations, applied.Annotations))
                {
                    return "unchanged";
                }
                else
                {
                    var current = meta(existing.Document);
                    var updated = withMeta(incoming, current with { Generation = current.Generation + 1, Labels = applied.Labels, Annotations = applied.Annotations });
                    await unit.Resources.UpdateAsync(key, updated, existing.ResourceVersion, null, cancellationToken);
                    action = "configured";
                }
                await unit.Events.NormalAsync(key, "Applied", $"{key.Kind} {action} by {actor}", cancellationToken);
                await unit.CommitAsync(cancellationToken);
                return action;
            }
            catch (ResourceConflictException) when (attempt < 5)
            {
                // Written by someone else between our read and write: read again.
            }
        }
    }

    static bool Same<TValue>(TValue a, TValue b) => JsonSerializer.Serialize(a, Json.Options) == JsonSerializer.Serialize(b, Json.Options);
}
