using CertMesh.Domain.Resources;
using CertMesh.Persistence.Database;
using CertMesh.Persistence.Resources;

namespace CertMesh.AcmeOrder.Accounts;

/// <summary>AcmeOrder writes only the status of an issuer; the Api owns its spec and may change it at any time.</summary>
internal static class IssuerStatusWriter
{
    /// <summary>
    /// Writes the outcome onto the issuer; when the Api changed the issuer meanwhile, onto the fresh document (the
    /// change brings its own IssuerChanged, which looks again). Null when the issuer was deleted meanwhile.
    /// </summary>
    public static async Task<Issuer?> WriteAsync(UnitOfWork unit, ResourceKey key, Stored<Issuer> stored, Func<IssuerStatus, IssuerStatus> patch, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var updated = stored.Document with { Status = patch(stored.Document.Status) };
            try
            {
                var version = await unit.Resources.UpdateAsync(key, updated, stored.ResourceVersion, stored.DueAt, cancellationToken);
                return updated with { Metadata = updated.Metadata with { ResourceVersion = version } };
            }
            catch (ResourceConflictException) when (attempt < 4)
            {
                var fresh = await unit.Resources.GetAsync<Issuer>(key, cancellationToken);
                if (fresh is null)
                    return null;
                stored = fresh;
            }
        }
    }
}
