using CertMesh.Contracts;
using CertMesh.Domain.Validation;

namespace CertMesh.Edge.Certificates;

/// <summary>What the stored issuers say about the issuerRefs routes name (a narrow seam, so validation is tested without a database).</summary>
internal interface IIssuerLookups
{
    /// <returns>one lookup per reference, in order.</returns>
    Task<IReadOnlyList<IssuerLookup>> FindAsync(string @namespace, IReadOnlyList<IssuerReference> issuerRefs, CancellationToken cancellationToken);
}
