namespace CertMesh.Pki;

/// <summary>
/// What a certificate says, in cert-manager terms. <see cref="SerialNumber"/> is lowercase hex without leading
/// zeros (Go's <c>%x</c> of the serial, as cert-manager formats it); times are UTC.
/// </summary>
public sealed record CertificateDetails(
    string? CommonName,
    IReadOnlyList<string> DnsNames,
    IReadOnlyList<string> IpAddresses,
    IReadOnlyList<string> Uris,
    IReadOnlyList<string> EmailAddresses,
    IReadOnlyList<string> Organizations,
    bool IsCA,
    IReadOnlyList<string> Usages,
    string SerialNumber,
    DateTimeOffset NotBefore,
    DateTimeOffset NotAfter);
