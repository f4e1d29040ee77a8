namespace CertMesh.Domain.Policies;

/// <summary>No Secret yet: the first issuance (or someone deleted it).</summary>
public static class SecretDoesNotExist
{
    public static PolicyViolation? Check(PolicyInput input) =>
        input.Secret is null ? new PolicyViolation(PolicyReasons.DoesNotExist, "Issuing certificate as Secret does not exist") : null;
}
