using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CertMesh.Domain.Policies;

/// <summary>
/// Whether two keys are the same key pair. Compared by the key's numbers, not by encoded
/// SubjectPublicKeyInfo bytes, which can legitimately differ (named vs explicit curve, RSA NULL parameters).
/// </summary>
public static class PublicKeys
{
    public static bool Match(PublicKey publicKey, AsymmetricAlgorithm privateKey) => privateKey switch
    {
        RSA rsa => Same(publicKey.GetRSAPublicKey(), rsa),
        ECDsa ecdsa => Same(publicKey.GetECDsaPublicKey(), ecdsa),
        _ => publicKey.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(privateKey.ExportSubjectPublicKeyInfo()),
    };

    public static bool Match(PublicKey left, PublicKey right)
    {
        using var rsa = left.GetRSAPublicKey();
        using var ecdsa = left.GetECDsaPublicKey();
        return rsa is not null ? Same(right.GetRSAPublicKey(), rsa)
            : ecdsa is not null ? Same(right.GetECDsaPublicKey(), ecdsa)
            : left.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(right.ExportSubjectPublicKeyInfo());
    }

    private static bool Same(RSA? candidate, RSA key)
    {
        using (candidate)
        {
            if (candidate is null)
            {
                return false;
            }
            var a = candidate.ExportParameters(false);
            var b = key.ExportParameters(false);
            return a.Modulus.AsSpan().SequenceEqual(b.Modulus) && a.Exponent.AsSpan().SequenceEqual(b.Exponent);
        }
    }

    private static bool Same(ECDsa? candidate, ECDsa key)
    {
        using (candidate)
        {
            if (candidate is null)
            {
                return false;
            }
            var a = candidate.ExportParameters(false).Q;
            var b = key.ExportParameters(false).Q;
            return a.X.AsSpan().SequenceEqual(b.X) && a.Y.AsSpan().SequenceEqual(b.Y);
        }
    }

    /// <summary>"RSA" or "ECDSA" and the key size in bits, as spec.privateKey names them; null for other keys.</summary>
    public static (string Algorithm, int Size)? Describe(AsymmetricAlgorithm key) => key switch
    {
        RSA rsa => ("RSA", rsa.KeySize),
        ECDsa ecdsa => ("ECDSA", ecdsa.KeySize),
        _ => null,
    };
}
