using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertMesh.Domain.Resources;
using CertMesh.Persistence.Database;
using CertMesh.Pki;

namespace CertMesh.Issuing.Signers;

/// <summary>One issuer type that signs in-process. ACME, Vault and external issuers answer over the bus instead.</summary>
public interface IIssuerSigner
{
    bool CanSign(Issuer issuer);

    /// <param name="privateKey">the certificate's key when CertMesh holds it; null for a supplied CSR.</param>
    Task<SignedCertificate> SignAsync(UnitOfWork unit, Issuer issuer, string csrPem, AsymmetricAlgorithm? privateKey, CertificateTemplate template, DateTimeOffset now, CancellationToken cancellationToken);
}

/// <summary>The leaf, the chain above it (issuer first), and the CA to publish as <c>ca.crt</c>.</summary>
public sealed record SignedCertificate(X509Certificate2 Leaf, IReadOnlyList<X509Certificate2> Chain, X509Certificate2? Ca)
{
    /// <summary>The leaf read back once; checks, annotations, status and the event all use it.</summary>
    public CertificateDetails Details { get; } = CertificateInspector.Inspect(Leaf);
}

/// <summary>Signing cannot succeed with this input; recorded as a failed issuance with this reason.</summary>
public class IssuanceFailedException(string reason, string message) : Exception(message)
{
    public string Reason { get; } = reason;
}

/// <summary>
/// The issuer cannot sign yet (not found, its CA Secret not written yet): the request stays Pending and is
/// retried shortly, as cert-manager re-queues requests whose issuer is not ready, instead of failing into back-off.
/// </summary>
public sealed class IssuerNotReadyException(string reason, string message) : IssuanceFailedException(reason, message);

public sealed record SignerOptions(string ClusterResourceNamespace);
