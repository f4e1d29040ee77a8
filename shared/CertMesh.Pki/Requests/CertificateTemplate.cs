namespace CertMesh.Pki;

/// <summary>
/// What a certificate should contain, in cert-manager's Certificate spec vocabulary. CSRs take the names and
/// subject from it; signers take only <see cref="Usages"/>, <see cref="IsCA"/> and <see cref="Duration"/>.
/// </summary>
public sealed record CertificateTemplate
{
    /// <summary>cert-manager's default <c>duration</c>.</summary>
    public static TimeSpan DefaultDuration { get; } = TimeSpan.FromDays(90);

    public string? CommonName { get; init; }

    public IReadOnlyList<string> DnsNames { get; init; } = [];

    public IReadOnlyList<string> IpAddresses { get; init; } = [];

    public IReadOnlyList<string> Uris { get; init; } = [];

    public IReadOnlyList<string> EmailAddresses { get; init; } = [];

    public IReadOnlyList<string> Organizations { get; init; } = [];

    public IReadOnlyList<string> Countries { get; init; } = [];

    public IReadOnlyList<string> OrganizationalUnits { get; init; } = [];

    public IReadOnlyList<string> Localities { get; init; } = [];

    public IReadOnlyList<string> Provinces { get; init; } = [];

    public IReadOnlyList<string> StreetAddresses { get; init; } = [];

    public IReadOnlyList<string> PostalCodes { get; init; } = [];

    /// <summary>The subject's serialNumber attribute (not the certificate serial number).</summary>
    public string? SerialNumber { get; init; }

    /// <summary>cert-manager usage strings (see <see cref="KeyUsages"/>); empty means the defaults.</summary>
    public IReadOnlyList<string> Usages { get; init; } = [];

    public bool IsCA { get; init; }

    public TimeSpan Duration { get; init; } = DefaultDuration;
}
