using System.Globalization;
using CertMesh.Domain.Renewal;

namespace CertMesh.Domain.Policies;

/// <summary>The renewal time, computed from the certificate actually in the Secret, has come.</summary>
public static class CertificateRenewalDue
{
    public static PolicyViolation? Check(PolicyInput input)
    {
        if (input.Secret?.Certificate is not { } certificate)
        {
            return null;
        }
        var renewalTime = RenewalTime.Compute(
            new DateTimeOffset(certificate.NotBefore.ToUniversalTime()),
            new DateTimeOffset(certificate.NotAfter.ToUniversalTime()),
            input.Certificate.Spec);
        return input.Now >= renewalTime
            ? new PolicyViolation(PolicyReasons.Renewing,
                $"Renewing certificate as renewal was scheduled at {renewalTime.ToString("R", CultureInfo.InvariantCulture)}")
            : null;
    }
}
