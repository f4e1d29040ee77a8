using System.Security.Cryptography;
using CertMesh.Domain.Resources;
using CertMesh.Persistence.Database;
using CertMesh.Pki;

namespace CertMesh.Issuing.Signers;

/// <summary><c>selfSigned</c>: the certificate signs itself with its own key; it is its own <c>ca.crt</c>.</summary>
public sealed class SelfSignedSigner : IIssuerSigner
{
    public bool CanSign(Issuer issuer) => issuer.Spec.SelfSigned is not null;

    public Task<SignedCertificate> SignAsync(UnitOfWork unit, Issuer issuer, string csrPem, AsymmetricAlgorithm? privateKey, CertificateTemplate template, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (privateKey is null)
            throw new IssuanceFailedException("BadConfig", "a selfSigned issuer signs with the certificate's own private key, which a supplied CSR does not give CertMesh");
        try
        {
            var leaf = CertificateSigner.SelfSign(csrPem, privateKey, template, now);
            return Task.FromResult(new SignedCertificate(leaf, [], leaf));
        }
        catch (PkiException exception)
        {
            throw new IssuanceFailedException("SigningFailed", exception.Message);
        }
    }
}
