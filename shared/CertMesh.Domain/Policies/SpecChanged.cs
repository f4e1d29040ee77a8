namespace CertMesh.Domain.Policies;

/// <summary>The spec changed in a way that changes the certificate since the current Secret was issued.
/// Unknown when no hash was recorded; <see cref="SecretContentMismatch"/> covers that case.</summary>
public static class SpecChanged
{
    public static PolicyViolation? Check(PolicyInput input)
    {
        if (input.IssuedSpecHash is null)
        {
            return null;
        }
        var current = SpecHash.Compute(input.Certificate.Spec, input.Certificate.SuppliedCsr);
        return current == input.IssuedSpecHash
            ? null
            : new PolicyViolation(PolicyReasons.RequestChanged,
                "Issuing certificate as the spec has changed since the current certificate was issued");
    }
}
