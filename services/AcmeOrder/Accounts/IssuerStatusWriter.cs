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
        // Retried here, in the caller's unit, not by the bus: a conflict usually follows a round trip to the CA
        // (registration), which re-running the whole handler would repeat.
        var written = await unit.UpdateWithRetryAsync<Issuer>(key, issuer => issuer with { Status = patch(issuer.Status) }, cancellationToken, stored);
        return written is null ? null : written.Document with { Metadata = written.Document.Metadata with { ResourceVersion = written.ResourceVersion } };
    }
}
