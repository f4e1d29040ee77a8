using System.Formats.Asn1;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CertMesh.Domain.Validation;

/// <summary>The names a CSR or certificate carries, in the same normalised form the spec is compared in.</summary>
public sealed record X509Names(
    string? CommonName,
    IReadOnlyList<string> DnsNames,
    IReadOnlyList<string> IpAddresses,
    IReadOnlyList<string> Uris,
    IReadOnlyList<string> EmailAddresses)
{
    private const string SubjectAltNameOid = "2.5.29.17";
    private const string CommonNameOid = "2.5.4.3";

    /// <summary>Subject attributes that specs, validation and approval policies look at (cert-manager's subject fields):
    /// CN, O, OU, C, L, ST, street, postalCode, serialNumber.</summary>
    private static readonly HashSet<string> JudgedSubjectAttributes =
        ["2.5.4.3", "2.5.4.10", "2.5.4.11", "2.5.4.6", "2.5.4.7", "2.5.4.8", "2.5.4.9", "2.5.4.17", "2.5.4.5"];

    /// <summary>
    /// What the names carry that no spec, validation or policy looks at, yet a signer would copy: multi-valued RDNs, a
    /// second commonName, other subject attributes, and otherName, directoryName, registeredID (or any other) SANs. A
    /// supplied CSR holding any of these is refused rather than signed with parts nobody judged.
    /// </summary>
    public IReadOnlyList<string> Unjudged { get; init; } = [];

    public static X509Names Read(X500DistinguishedName subject, IEnumerable<X509Extension> extensions)
    {
        var san = extensions.FirstOrDefault(e => e.Oid?.Value == SubjectAltNameOid);
        var unjudged = new List<string>();
        var (dns, ips, uris, emails) = ReadGeneralNames(san?.RawData, unjudged);
        ReadUnjudgedSubject(subject, unjudged);
        return new X509Names(ReadCommonName(subject), dns, ips, uris, emails) { Unjudged = unjudged };
    }

    private static void ReadUnjudgedSubject(X500DistinguishedName subject, List<string> unjudged)
    {
        var commonNames = 0;
        foreach (var rdn in subject.EnumerateRelativeDistinguishedNames())
        {
            if (rdn.HasMultipleElements)
            {
                unjudged.Add("a multi-valued subject RDN");
                continue;
            }
            var type = rdn.GetSingleElementType().Value ?? "";
            if (type == CommonNameOid && ++commonNames == 2)
                unjudged.Add("a second subject commonName");
            else if (!JudgedSubjectAttributes.Contains(type))
                unjudged.Add($"subject attribute {type}");
        }
    }

    private static string? ReadCommonName(X500DistinguishedName subject) =>
        subject.EnumerateRelativeDistinguishedNames()
            .Where(rdn => !rdn.HasMultipleElements && rdn.GetSingleElementType().Value == CommonNameOid)
            .Select(rdn => rdn.GetSingleElementValue())
            .LastOrDefault();

    // The BCL's X509SubjectAlternativeNameExtension only enumerates DNS names and IPs; URIs and emails need the ASN.1.
    private static (List<string> Dns, List<string> Ips, List<string> Uris, List<string> Emails) ReadGeneralNames(byte[]? der, List<string> unjudged)
    {
        List<string> dns = [], ips = [], uris = [], emails = [];
        if (der is null)
        {
            return (dns, ips, uris, emails);
        }
        try
        {
            var names = new AsnReader(der, AsnEncodingRules.DER).ReadSequence();
            while (names.HasData)
            {
                var tag = names.PeekTag();
                if (tag.TagClass != TagClass.ContextSpecific || tag.IsConstructed)
                {
                    // otherName [0], directoryName [4], ediPartyName [5], x400Address [3] are constructed.
                    unjudged.Add($"a subjectAltName of type [{tag.TagValue}]");
                    names.ReadEncodedValue();
                    continue;
                }
                switch (tag.TagValue)
                {
                    case 1: emails.Add(names.ReadCharacterString(UniversalTagNumber.IA5String, tag)); break;
                    case 2: dns.Add(names.ReadCharacterString(UniversalTagNumber.IA5String, tag)); break;
                    case 6: uris.Add(names.ReadCharacterString(UniversalTagNumber.IA5String, tag)); break;
                    case 7: ips.Add(new IPAddress(names.ReadOctetString(tag)).ToString()); break;
                    default:
                        unjudged.Add($"a subjectAltName of type [{tag.TagValue}]");
                        names.ReadEncodedValue();
                        break;
                }
            }
        }
        catch (Exception e) when (e is AsnContentException or ArgumentException)
        {
            throw new CryptographicException("malformed subjectAltName extension", e);
        }
        return (dns, ips, uris, emails);
    }
}
