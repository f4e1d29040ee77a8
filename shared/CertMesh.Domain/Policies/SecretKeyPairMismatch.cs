using CertMesh.Domain.Validation;

namespace CertMesh.Domain.Policies;

/// <summary>The certificate is not for the key it is stored with (or, with a supplied CSR, not for the CSR's key).</summary>
public static class SecretKeyPairMismatch
{
    public static PolicyViolation? Check(PolicyInput input)
    {
        if (input.Secret?.Certificate is not { } certificate)
        {
            return null;
        }
        if (input.Certificate.SuppliedCsr is { } pem)
        {
            return CsrInfo.TryParse(pem, out var csr, out _) && !PublicKeys.Match(certificate.PublicKey, csr!.PublicKey)
                ? new PolicyViolation(PolicyReasons.InvalidKeyPair,
                    "Issuing certificate as the certificate in the Secret is not for the public key of the supplied csr")
                : null;
        }
        return input.Secret.PrivateKey is { } key && !PublicKeys.Match(certificate.PublicKey, key)
            ? new PolicyViolation(PolicyReasons.InvalidKeyPair,
                "Issuing certificate as Secret contains a private key that does not match the certificate")
            : null;
    }
}
