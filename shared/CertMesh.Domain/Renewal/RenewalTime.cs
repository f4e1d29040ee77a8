using CertMesh.Contracts;
using CertMesh.Domain.Durations;

namespace CertMesh.Domain.Renewal;

/// <summary>
/// When an issued certificate should be renewed, computed as cert-manager does: from the certificate's
/// <em>actual</em> validity (a CA may shorten the requested duration), not from spec.duration.
/// </summary>
public static class RenewalTime
{
    public static DateTimeOffset Compute(DateTimeOffset notBefore, DateTimeOffset notAfter, TimeSpan? renewBefore, int? renewBeforePercentage)
    {
        var actualDuration = notAfter - notBefore;
        var window = actualDuration / 3;
        // A renewBefore that does not fit inside the issued lifetime would mean "renew immediately, forever".
        if (renewBefore is { } before && before < actualDuration)
        {
            window = before;
        }
        else if (renewBeforePercentage is > 0 and < 100 and var percentage)
        {
            window = actualDuration * percentage / 100;
        }
        // Whole seconds, because status.renewalTime is stored to the second: an unrounded time here would
        // make the sweep pick a certificate up before the check that it is due says so.
        return TruncateToSecond(notAfter - window);
    }

    /// <summary>With the spec's renewBefore/renewBeforePercentage; unparsable values count as absent.</summary>
    public static DateTimeOffset Compute(DateTimeOffset notBefore, DateTimeOffset notAfter, CertificateSpec spec)
    {
        TimeSpan? renewBefore = spec.RenewBefore is not null && GoDuration.TryParse(spec.RenewBefore, out var parsed, out _) ? parsed : null;
        return Compute(notBefore, notAfter, renewBefore, spec.RenewBeforePercentage);
    }

    private static DateTimeOffset TruncateToSecond(DateTimeOffset value) =>
        new(value.Ticks - value.Ticks % TimeSpan.TicksPerSecond, value.Offset);
}
