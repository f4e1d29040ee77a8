using CertMesh.Contracts;

namespace CertMesh.Domain.Validation;

/// <summary><c>spec.privateKey</c>: only what the .NET BCL can generate and CertMesh can store.</summary>
public static class PrivateKeyRules
{
    public static IEnumerable<FieldError> Algorithm(CertificateValidationContext context)
    {
        var algorithm = context.Spec.PrivateKey?.Algorithm;
        if (algorithm is null || KeyAlgorithms.Supported.Contains(algorithm))
        {
            yield break;
        }
        yield return algorithm == KeyAlgorithms.Ed25519
            ? FieldErrors.Invalid("spec.privateKey.algorithm", algorithm,
                "Ed25519 is not supported by CertMesh (the .NET BCL has no Ed25519); use ECDSA or RSA")
            : FieldErrors.Unsupported("spec.privateKey.algorithm", algorithm, KeyAlgorithms.Supported, "values are case-sensitive");
    }

    public static IEnumerable<FieldError> Size(CertificateValidationContext context)
    {
        var key = context.Spec.PrivateKey;
        if (key?.Size is not { } size)
        {
            yield break;
        }
        var algorithm = key.Algorithm ?? CertificateDefaults.KeyAlgorithm;
        var defaulted = key.Algorithm is null
            ? "; the algorithm defaults to ECDSA in CertMesh (RSA in cert-manager), set algorithm: RSA for an RSA key"
            : "";
        if (algorithm == KeyAlgorithms.Rsa && !KeyAlgorithms.RsaSizes.Contains(size))
        {
            yield return FieldErrors.Invalid("spec.privateKey.size", size,
                "RSA key size must be 2048, 3072 or 4096 in CertMesh (cert-manager allows 2048 to 8192; " +
                "larger keys take seconds to generate with the BCL and gain nothing over ECDSA)");
        }
        else if (algorithm == KeyAlgorithms.Ecdsa && !KeyAlgorithms.EcdsaSizes.Contains(size))
        {
            yield return FieldErrors.Invalid("spec.privateKey.size", size, $"ECDSA key size must be 256, 384 or 521{defaulted}");
        }
    }

    public static IEnumerable<FieldError> Encoding(CertificateValidationContext context)
    {
        var encoding = context.Spec.PrivateKey?.Encoding;
        if (encoding is not null && !KeyEncodings.Supported.Contains(encoding))
        {
            yield return FieldErrors.Unsupported("spec.privateKey.encoding", encoding, KeyEncodings.Supported, "values are case-sensitive");
        }
    }

    public static IEnumerable<FieldError> RotationPolicy(CertificateValidationContext context)
    {
        var policy = context.Spec.PrivateKey?.RotationPolicy;
        if (policy is not null && !RotationPolicies.Supported.Contains(policy))
        {
            yield return FieldErrors.Unsupported("spec.privateKey.rotationPolicy", policy, RotationPolicies.Supported, "values are case-sensitive");
        }
    }
}
