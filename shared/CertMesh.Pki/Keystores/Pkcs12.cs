using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CertMesh.Pki;

/// <summary>
/// PKCS#12 keystores (cert-manager's <c>keystores.pkcs12</c>, profile Modern2023): PBES2 with AES-256-CBC,
/// PBKDF2-HMAC-SHA256 and a SHA-256 MAC, 2048 iterations as Go's Modern2023 encoder uses.
/// </summary>
public static class Pkcs12
{
    public const int IterationCount = 2048;

    private static readonly PbeParameters Modern = new(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, IterationCount);

    /// <summary>The leaf with its key, then the chain certificates, protected by <paramref name="password"/>.</summary>
    public static byte[] Export(X509Certificate2 cert, AsymmetricAlgorithm key, IEnumerable<X509Certificate2> chain, string password)
    {
        ArgumentNullException.ThrowIfNull(cert);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentNullException.ThrowIfNull(password);
        PrivateKeys.EnsureSupportedType(key);
        if (!KeyMatch.CertificateMatchesKey(cert, key))
        {
            throw new PkiException("The private key does not match the certificate.");
        }

        using X509Certificate2 withKey = key switch
        {
            RSA rsa => cert.CopyWithPrivateKey(rsa),
            _ => cert.CopyWithPrivateKey((ECDsa)key),
        };
        var collection = new X509Certificate2Collection(withKey);
        foreach (X509Certificate2 certificate in chain)
        {
            collection.Add(certificate);
        }

        try
        {
            return collection.ExportPkcs12(Modern, password);
        }
        catch (CryptographicException e)
        {
            throw new PkiException("The certificate and key cannot be exported to PKCS#12.", e);
        }
    }
}
