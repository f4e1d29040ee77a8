using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CertMesh.Pki;

/// <summary>Checks that a certificate and a private key belong together (cert-manager's InvalidKeyPair check).</summary>
public static class KeyMatch
{
    public static bool CertificateMatchesKey(X509Certificate2 cert, AsymmetricAlgorithm key)
    {
        ArgumentNullException.ThrowIfNull(cert);
        ArgumentNullException.ThrowIfNull(key);
        return PublicKeys.Matches(cert.PublicKey, key.ExportSubjectPublicKeyInfo());
    }
}
