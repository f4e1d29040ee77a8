using CertMesh.Domain.Resources;
using CertMesh.Persistence.Database;

namespace CertMesh.Edge.Certificates;

/// <summary>The Certificates in the Edge's namespace, read-only from PostgreSQL: Trigger owns them, the Edge only
/// compares and then asks Trigger (one writer per kind).</summary>
internal sealed class StoredCertificates(CertMeshDatabase database, RouteCertificateOptions options)
{
    public Task<IReadOnlyList<Certificate>> ListAsync(CancellationToken cancellationToken) =>
        database.RunAsync<IReadOnlyList<Certificate>>(async unit =>
            (await unit.Resources.ListAsync<Certificate>(ResourceKinds.Certificate, options.Namespace, cancellationToken))
                .Select(s => s.Document).ToList(), cancellationToken);
}
