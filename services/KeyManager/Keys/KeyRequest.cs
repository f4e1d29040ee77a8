using CertMesh.Contracts;
using CertMesh.Domain.Validation;
using CertMesh.Pki;

namespace CertMesh.KeyManager.Keys;

/// <summary>The key a <c>privateKey</c> spec asks for, with CertMesh's defaults (ECDSA P-256, PKCS1, Always).</summary>
internal sealed record KeyRequest(KeySpec Spec, KeyEncoding Encoding, bool ReuseExisting)
{
    public static KeyRequest From(CertificatePrivateKey? privateKey)
    {
        var algorithm = privateKey?.Algorithm ?? CertificateDefaults.KeyAlgorithm;
        var keyAlgorithm = algorithm switch
        {
            KeyAlgorithms.Rsa => KeyAlgorithm.Rsa,
            KeyAlgorithms.Ecdsa => KeyAlgorithm.Ecdsa,
            _ => throw new KeyRequestException($"spec.privateKey.algorithm: Unsupported value: \"{algorithm}\""),
        };
        var spec = new KeySpec(keyAlgorithm, privateKey?.Size ?? CertificateDefaults.DefaultKeySize(algorithm));
        if (!KeySpec.IsSupported(spec))
            throw new KeyRequestException($"spec.privateKey.size: Unsupported value: {spec.Size} for {algorithm}");
        var encoding = (privateKey?.Encoding ?? CertificateDefaults.KeyEncoding) == KeyEncodings.Pkcs8 ? KeyEncoding.Pkcs8 : KeyEncoding.Pkcs1;
        var reuse = (privateKey?.RotationPolicy ?? CertificateDefaults.RotationPolicy) == RotationPolicies.Never;
        return new KeyRequest(spec, encoding, reuse);
    }
}

internal sealed class KeyRequestException(string message) : Exception(message);
