using System.Security.Cryptography.X509Certificates;

namespace CertMesh.Pki;

/// <summary>
/// A PKCS#10 request whose self-signature has been verified, read back in cert-manager terms.
/// <see cref="IpAddresses"/> are normalised text; <see cref="SubjectPublicKeyInfo"/> is canonical DER, so it
/// compares byte-for-byte with a key's <c>ExportSubjectPublicKeyInfo()</c>. <see cref="IsCA"/> and
/// <see cref="Usages"/> are what the request asks for (empty usages when it asks for none).
/// </summary>
public sealed record ParsedCsr(
    string? CommonName,
    IReadOnlyList<string> DnsNames,
    IReadOnlyList<string> IpAddresses,
    IReadOnlyList<string> Uris,
    IReadOnlyList<string> EmailAddresses,
    IReadOnlyList<string> Organizations,
    byte[] SubjectPublicKeyInfo,
    KeySpec KeySpec,
    bool IsCA,
    IReadOnlyList<string> Usages,
    CertificateRequest Request);
