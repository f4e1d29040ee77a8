using CertMesh.Contracts;
using CertMesh.Domain.Validation;
using CertMesh.Persistence.Database;
using CertMesh.Persistence.Resources;

namespace CertMesh.Edge.Certificates;

/// <summary>Reads the Issuers and ClusterIssuers routes name from PostgreSQL, read-only, all in one transaction. Trigger
/// owns Certificates and the Api owns issuers: the Edge only looks.</summary>
internal sealed class StoredIssuerLookups(CertMeshDatabase database) : IIssuerLookups
{
    public Task<IReadOnlyList<IssuerLookup>> FindAsync(string @namespace, IReadOnlyList<IssuerReference> issuerRefs, CancellationToken cancellationToken) =>
        database.RunAsync<IReadOnlyList<IssuerLookup>>(async unit =>
        {
            var lookups = new List<IssuerLookup>(issuerRefs.Count);
            foreach (var issuerRef in issuerRefs)
                lookups.Add(IssuerLookup.From(await unit.Resources.FindAsync(@namespace, issuerRef, cancellationToken)));
            return lookups;
        }, cancellationToken);
}
