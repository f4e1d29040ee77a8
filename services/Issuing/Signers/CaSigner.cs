using System.Security.Cryptography;
using System.Text;
using CertMesh.Domain.Resources;
using CertMesh.Persistence.Database;
using CertMesh.Pki;

namespace CertMesh.Issuing.Signers;

/// <summary>
/// <c>ca</c>: signs with the key pair in the issuer's Secret (in the issuer's namespace, or the cluster resource
/// namespace for a ClusterIssuer). <c>tls.crt</c> gets the CA's chain; <c>ca.crt</c> the root of that chain.
/// </summary>
public sealed class CaSigner(SignerOptions options) : IIssuerSigner
{
    public bool CanSign(Issuer issuer) => issuer.Spec.Ca is not null;

    public async Task<SignedCertificate> SignAsync(UnitOfWork unit, Issuer issuer, string csrPem, AsymmetricAlgorithm? privateKey, CertificateTemplate template, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var secretNamespace = issuer.Kind == ResourceKinds.ClusterIssuer ? options.ClusterResourceNamespace : issuer.Metadata.Namespace;
        var secretName = issuer.Spec.Ca!.SecretName;
        var secret = await unit.Secrets.GetAsync(secretNamespace, secretName, cancellationToken)
            ?? throw new IssuerNotReadyException("ErrGetKeyPair", $"Error getting keypair for CA issuer: secret \"{secretNamespace}/{secretName}\" not found");
        if (!secret.Document.Data.TryGetValue(SecretKeys.TlsCrt, out var crt) || !secret.Document.Data.TryGetValue(SecretKeys.TlsKey, out var key))
            throw new IssuerNotReadyException("ErrGetKeyPair", $"Error getting keypair for CA issuer: secret \"{secretNamespace}/{secretName}\" has no tls.crt or tls.key");

        try
        {
            var caChain = Pem.ParseCertificates(Encoding.UTF8.GetString(crt));
            using var caKey = PrivateKeys.FromPem(Encoding.UTF8.GetString(key));
            var leaf = CertificateSigner.SignWithCa(csrPem, caChain[0], caKey, template, now);
            return new SignedCertificate(leaf, caChain, caChain[^1]);
        }
        catch (PkiException exception)
        {
            throw new IssuanceFailedException("ErrSigning", $"Error signing certificate: {exception.Message}");
        }
    }
}
