namespace CertMesh.Domain.Policies;

/// <summary>The Secret lacks a readable certificate or key. With a requester-supplied CSR the key is the
/// requester's, so only the certificate is required.</summary>
public static class SecretMissingData
{
    public static PolicyViolation? Check(PolicyInput input)
    {
        if (input.Secret is not { } secret)
        {
            return null;
        }
        if (secret.Certificate is null)
        {
            return new PolicyViolation(PolicyReasons.MissingData,
                $"Issuing certificate as Secret does not contain a certificate ({secret.CertificateProblem})");
        }
        if (input.Certificate.SuppliedCsr is null && secret.PrivateKey is null)
        {
            return new PolicyViolation(PolicyReasons.MissingData,
                $"Issuing certificate as Secret does not contain a private key ({secret.PrivateKeyProblem})");
        }
        return null;
    }
}
