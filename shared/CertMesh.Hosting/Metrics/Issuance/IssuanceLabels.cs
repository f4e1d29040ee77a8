using CertMesh.Contracts;
using CertMesh.Domain.Resources;
using CertMesh.Domain.Validation;

namespace CertMesh.Hosting.Metrics.Issuance;

/// <summary>
/// The label values and start time of Issuing's issuance series, kept to small fixed sets: an issuer's name or a
/// failure's message would make one series per resource or per error text.
/// </summary>
public static class IssuanceLabels
{
    public const string External = "external";
    public const string Unknown = "unknown";
    public const string OtherReason = "Other";
    const int MaxReasonLength = 64;

    /// <summary>
    /// The issuer's type (<c>selfSigned</c>, <c>ca</c>, <c>acme</c>, <c>vault</c>); <c>external</c> for another
    /// group's issuer, <c>unknown</c> when the issuer is gone or names no type.
    /// </summary>
    public static string IssuerType(IssuerReference issuerRef, Issuer? issuer)
    {
        if (CertificateDefaults.EffectiveIssuerGroup(issuerRef) != ResourceKinds.Group)
            return External;
        return issuer?.Spec switch
        {
            { SelfSigned: not null } => "selfSigned",
            { Ca: not null } => "ca",
            { Acme: not null } => "acme",
            { Vault: not null } => "vault",
            _ => Unknown,
        };
    }

    /// <summary>
    /// A failure reason as a label: the code-like reasons CertMesh records (cert-manager's condition reasons, such as
    /// <c>InvalidKeyPair</c>) pass; anything else (free text from a peer) becomes <c>Other</c>.
    /// </summary>
    public static string Reason(string? reason)
    {
        if (string.IsNullOrEmpty(reason) || reason.Length > MaxReasonLength || !char.IsAsciiLetter(reason[0]))
            return OtherReason;
        foreach (var c in reason)
        {
            if (!char.IsAsciiLetterOrDigit(c))
                return OtherReason;
        }
        return reason;
    }

    /// <summary>
    /// When the revision was requested: Trigger sets the Issuing condition to True in the transaction that publishes
    /// the request, so its transition time is that moment (it keeps it while the revision is in flight). Without it,
    /// <paramref name="fallback"/> (when Issuing started the revision).
    /// </summary>
    public static DateTimeOffset RequestedAt(Certificate certificate, DateTimeOffset fallback) =>
        certificate.Status.Conditions.FirstOrDefault(c => c.Type == CertificateConditionTypes.Issuing && c.Status == ConditionStatus.True) is { } issuing
            && issuing.LastTransitionTime != default
            ? issuing.LastTransitionTime
            : fallback;
}
