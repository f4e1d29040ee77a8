using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using CertMesh.Domain.Resources;
using CertMesh.Persistence.Database;
using CertMesh.Pki;

namespace CertMesh.Issuing.Signers;

/// <summary>
/// <c>ca</c>: signs with the key pair in the issuer's Secret (in the issuer's namespace, or the cluster resource
/// namespace for a ClusterIssuer). <c>tls.crt</c> gets the CA's chain; <c>ca.crt</c> the root of that chain.
/// The parsed key pair is cached per Secret version, so a rotated CA is picked up at once.
/// </summary>
public sealed class CaSigner(SignerOptions options) : IIssuerSigner
{
    readonly ConcurrentDictionary<(string Namespace, string Name), CaKeyPair> _cache = new();

    public bool CanSign(Issuer issuer) => issuer.Spec.Ca is not null;

    public async Task<SignedCertificate> SignAsync(UnitOfWork unit, Issuer issuer, string csrPem, AsymmetricAlgorithm? privateKey, CertificateTemplate template, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var pair = await KeyPairAsync(unit, issuer, cancellationToken);
        try
        {
            var leaf = CertificateSigner.SignWithCa(csrPem, pair.Chain[0], pair.Key, template, now);
            return new SignedCertificate(leaf, pair.Chain, pair.Chain[^1]);
        }
        catch (PkiException exception)
        {
            throw new IssuanceFailedException("ErrSigning", $"Error signing certificate: {exception.Message}");
        }
    }

    async Task<CaKeyPair> KeyPairAsync(UnitOfWork unit, Issuer issuer, CancellationToken cancellationToken)
    {
        var secretNamespace = issuer.Kind == ResourceKinds.ClusterIssuer ? options.ClusterResourceNamespace : issuer.Metadata.Namespace;
        var secretName = issuer.Spec.Ca!.SecretName;
        var version = await unit.Secrets.GetVersionAsync(secretNamespace, secretName, cancellationToken)
            ?? throw new IssuerNotReadyException("ErrGetKeyPair", $"Error getting keypair for CA issuer: secret \"{secretNamespace}/{secretName}\" not found");
        if (_cache.TryGetValue((secretNamespace, secretName), out var cached) && cached.Version == version)
            return cached;

        var secret = await unit.Secrets.GetAsync(secretNamespace, secretName, cancellationToken)
            ?? throw new IssuerNotReadyException("ErrGetKeyPair", $"Error getting keypair for CA issuer: secret \"{secretNamespace}/{secretName}\" not found");
        if (!secret.Document.Data.TryGetValue(SecretKeys.TlsCrt, out var crt) || !secret.Document.Data.TryGetValue(SecretKeys.TlsKey, out var key))
            throw new IssuerNotReadyException("ErrGetKeyPair", $"Error getting keypair for CA issuer: secret \"{secretNamespace}/{secretName}\" has no tls.crt or tls.key");
        try
        {
            var pair = new CaKeyPair(secret.ResourceVersion, Pem.ParseCertificates(Encoding.UTF8.GetString(crt)), PrivateKeys.FromPem(Encoding.UTF8.GetString(key)));
            _cache[(secretNamespace, secretName)] = pair;
            return pair;
        }
        catch (PkiException exception)
        {
            throw new IssuanceFailedException("ErrGetKeyPair", $"Error getting keypair for CA issuer: {exception.Message}");
        }
    }

    sealed record CaKeyPair(long Version, IReadOnlyList<X509Certificate2> Chain, AsymmetricAlgorithm Key);
}
