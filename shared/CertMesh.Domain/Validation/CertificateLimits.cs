namespace CertMesh.Domain.Validation;

/// <summary>cert-manager's admission minimums, kept identical so YAML accepted there is accepted here.</summary>
public static class CertificateLimits
{
    public static readonly TimeSpan MinimumDuration = TimeSpan.FromHours(1);
    public static readonly TimeSpan MinimumRenewBefore = TimeSpan.FromMinutes(5);
    /// <summary>X.509's ub-common-name.</summary>
    public const int MaxCommonNameLength = 64;
}
