using System.Security.Cryptography.X509Certificates;

namespace CertMesh.Pki;

/// <summary>Reads a certificate back into cert-manager terms, to check that what was issued is what the spec asked for.</summary>
public static class CertificateInspector
{
    public static CertificateDetails Inspect(X509Certificate2 cert)
    {
        ArgumentNullException.ThrowIfNull(cert);
        IReadOnlyList<(string Oid, string Value)> subject = DistinguishedNames.Read(cert.SubjectName);
        X509ExtensionCollection extensions = cert.Extensions;
        AltNames altNames = ExtensionReader.AltNames(extensions);
        return new CertificateDetails(
            DistinguishedNames.CommonName(subject),
            altNames.DnsNames,
            altNames.IpAddresses,
            altNames.Uris,
            altNames.EmailAddresses,
            DistinguishedNames.Values(subject, DistinguishedNames.OrganizationOid),
            ExtensionReader.IsCA(extensions),
            ExtensionReader.Usages(extensions),
            SerialNumberHex(cert.SerialNumberBytes.Span),
            new DateTimeOffset(cert.NotBefore).ToUniversalTime(),
            new DateTimeOffset(cert.NotAfter).ToUniversalTime());
    }

    /// <summary>
    /// The spec fields the certificate's names disagree with, as cert-manager's SecretDataAltNamesMatchSpec reports
    /// them ("spec.commonName", "spec.dnsNames", "spec.ipAddresses", "spec.uris", "spec.emailAddresses"). Like
    /// cert-manager, a name may move between the common name and the DNS names (CAs promote one to the other);
    /// usages and duration are not compared because ACME CAs choose their own.
    /// </summary>
    public static IReadOnlyList<string> FindNameMismatches(X509Certificate2 cert, CertificateTemplate template)
    {
        ArgumentNullException.ThrowIfNull(template);
        return NameMismatches.Find(Inspect(cert), template);
    }

    /// <summary>The same check on details already read, so a caller inspecting the certificate anyway does not parse it twice.</summary>
    public static IReadOnlyList<string> FindNameMismatches(CertificateDetails details, CertificateTemplate template)
    {
        ArgumentNullException.ThrowIfNull(details);
        ArgumentNullException.ThrowIfNull(template);
        return NameMismatches.Find(details, template);
    }

    private static string SerialNumberHex(ReadOnlySpan<byte> bigEndian)
    {
        string hex = Convert.ToHexStringLower(bigEndian).TrimStart('0');
        return hex.Length == 0 ? "0" : hex;
    }
}
