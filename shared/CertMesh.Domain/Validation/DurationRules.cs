using CertMesh.Contracts;
using CertMesh.Domain.Durations;

namespace CertMesh.Domain.Validation;

/// <summary>Lifetime and renewal window, with cert-manager's minimums (duration ≥ 1h, renewBefore ≥ 5m).</summary>
public static class DurationRules
{
    public static IEnumerable<FieldError> Duration(CertificateValidationContext context)
    {
        var text = context.Spec.Duration;
        if (text is null)
        {
            yield break;
        }
        if (!GoDuration.TryParse(text, out var duration, out var error))
        {
            yield return FieldErrors.Invalid("spec.duration", text, $"not a duration ({error}); use Go syntax such as '2160h' or '90m'");
        }
        else if (duration < CertificateLimits.MinimumDuration)
        {
            yield return FieldErrors.Invalid("spec.duration", text,
                $"certificate duration {GoDuration.Format(duration)} must be greater than {GoDuration.Format(CertificateLimits.MinimumDuration)}");
        }
    }

    public static IEnumerable<FieldError> RenewBefore(CertificateValidationContext context)
    {
        var text = context.Spec.RenewBefore;
        if (text is null)
        {
            yield break;
        }
        if (!GoDuration.TryParse(text, out var renewBefore, out var error))
        {
            yield return FieldErrors.Invalid("spec.renewBefore", text, $"not a duration ({error}); use Go syntax such as '720h' or '30m'");
            yield break;
        }
        if (renewBefore < CertificateLimits.MinimumRenewBefore)
        {
            yield return FieldErrors.Invalid("spec.renewBefore", text,
                $"certificate renewBefore {GoDuration.Format(renewBefore)} must be greater than {GoDuration.Format(CertificateLimits.MinimumRenewBefore)}");
        }
        if (context.EffectiveDuration is { } duration && renewBefore >= duration)
        {
            yield return FieldErrors.Invalid("spec.renewBefore", text,
                $"certificate duration {GoDuration.Format(duration)} must be greater than renewBefore {GoDuration.Format(renewBefore)}");
        }
    }

    public static IEnumerable<FieldError> RenewBeforeExclusive(CertificateValidationContext context)
    {
        if (context.Spec.RenewBefore is not null && context.Spec.RenewBeforePercentage is not null)
        {
            yield return FieldErrors.Forbidden("spec.renewBefore",
                "renewBefore and renewBeforePercentage are mutually exclusive and cannot both be set");
        }
    }

    public static IEnumerable<FieldError> RenewBeforePercentage(CertificateValidationContext context)
    {
        if (context.Spec.RenewBeforePercentage is not { } percentage)
        {
            yield break;
        }
        if (percentage is <= 0 or >= 100)
        {
            yield return FieldErrors.Invalid("spec.renewBeforePercentage", percentage,
                "must be greater than 0 and less than 100");
        }
        else if (context.EffectiveDuration is { } duration && duration * percentage / 100 < CertificateLimits.MinimumRenewBefore)
        {
            yield return FieldErrors.Invalid("spec.renewBeforePercentage", percentage,
                $"{percentage}% of duration {GoDuration.Format(duration)} is a renewBefore of {GoDuration.Format(duration * percentage / 100)}, " +
                $"less than the minimum {GoDuration.Format(CertificateLimits.MinimumRenewBefore)}");
        }
    }
}
