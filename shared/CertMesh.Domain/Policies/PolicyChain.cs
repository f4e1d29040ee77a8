namespace CertMesh.Domain.Policies;

/// <summary>
/// Ordered re-issue checks; the first violation wins, so the reason shown is the most fundamental one
/// (a missing Secret is reported as such, not as "expired").
/// </summary>
public sealed class PolicyChain(IEnumerable<PolicyCheck> checks)
{
    /// <summary>cert-manager's order; <see cref="SecretContentMismatch"/> sits with the spec checks.</summary>
    public static PolicyChain Default { get; } = new(
    [
        SecretDoesNotExist.Check,
        SecretMissingData.Check,
        SecretKeyPairMismatch.Check,
        SecretIssuerMismatch.Check,
        SpecChanged.Check,
        SecretContentMismatch.Check,
        CertificateExpired.Check,
        CertificateRenewalDue.Check,
    ]);

    public IReadOnlyList<PolicyCheck> Checks { get; } = checks.ToList();

    public PolicyViolation? Evaluate(PolicyInput input)
    {
        foreach (var check in Checks)
        {
            if (check(input) is { } violation)
            {
                return violation;
            }
        }
        return null;
    }
}
