using System.Globalization;

namespace CertMesh.Domain.Policies;

/// <summary>The certificate in the Secret is past its notAfter.</summary>
public static class CertificateExpired
{
    public static PolicyViolation? Check(PolicyInput input)
    {
        if (input.Secret?.Certificate is not { } certificate)
        {
            return null;
        }
        var notAfter = new DateTimeOffset(certificate.NotAfter.ToUniversalTime());
        return input.Now >= notAfter
            ? new PolicyViolation(PolicyReasons.Expired,
                $"Certificate expired on {notAfter.ToString("R", CultureInfo.InvariantCulture)}")
            : null;
    }
}
