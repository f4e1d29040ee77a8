using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CertMesh.Pki;

/// <summary>
/// The signature a key makes: RSA with SHA-256 and PKCS#1 v1.5 padding; ECDSA with the hash matching its curve
/// (SHA-256 for P-256, SHA-384 for P-384, SHA-512 for P-521), as Go and cert-manager choose.
/// </summary>
internal static class SignatureAlgorithms
{
    public static HashAlgorithmName HashFor(AsymmetricAlgorithm key) => key switch
    {
        RSA => HashAlgorithmName.SHA256,
        ECDsa { KeySize: 384 } => HashAlgorithmName.SHA384,
        ECDsa { KeySize: 521 } => HashAlgorithmName.SHA512,
        ECDsa => HashAlgorithmName.SHA256,
        _ => throw Unsupported(key),
    };

    public static X509SignatureGenerator GeneratorFor(AsymmetricAlgorithm key) => key switch
    {
        RSA rsa => X509SignatureGenerator.CreateForRSA(rsa, RSASignaturePadding.Pkcs1),
        ECDsa ecdsa => X509SignatureGenerator.CreateForECDsa(ecdsa),
        _ => throw Unsupported(key),
    };

    private static PkiException Unsupported(AsymmetricAlgorithm key) =>
        new($"{PrivateKeys.KeyTypeName(key)} keys cannot sign here (RSA or ECDSA).");
}
