namespace CertMesh.Domain.Validation;

/// <summary>
/// cert-manager's admission minimums, kept identical so YAML accepted there is accepted here, and the bounds CertMesh
/// adds so no Certificate (from the Api or an <c>IssueCertificate</c> on the bus) is unbounded. Errors name the limit.
/// </summary>
public static class CertificateLimits
{
    public static readonly TimeSpan MinimumDuration = TimeSpan.FromHours(1);
    public static readonly TimeSpan MinimumRenewBefore = TimeSpan.FromMinutes(5);
    /// <summary>X.509's ub-common-name.</summary>
    public const int MaxCommonNameLength = 64;

    /// <summary>dnsNames, ipAddresses, uris and emailAddresses together: Let's Encrypt's per-certificate maximum, and more
    /// than TLS clients handle gracefully; a certificate for more names is better split.</summary>
    public const int MaxSubjectAltNames = 100;

    /// <summary>A URI SAN: SPIFFE's maximum ID length.</summary>
    public const int MaxUriLength = 2048;

    /// <summary>An email SAN: RFC 5321's 256-character path less its angle brackets.</summary>
    public const int MaxEmailAddressLength = 254;

    /// <summary>Values of one subject field (organizations, countries, …).</summary>
    public const int MaxSubjectValues = 10;

    /// <summary>One subject value, and serialNumber: the largest X.520 upper bound of those attributes (ub-locality-name).</summary>
    public const int MaxSubjectValueLength = 128;

    /// <summary>A requester's PEM CSR, in characters: a request for 100 long names is about 35 KiB.</summary>
    public const int MaxCsrLength = 64 * 1024;
}
