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

    public static X509Names Read(X500DistinguishedName subject, IEnumerable<X509Extension> extensions)
    {
        var san = extensions.FirstOrDefault(e => e.Oid?.Value == SubjectAltNameOid);
        var (dns, ips, uris, emails) = ReadGeneralNames(san?.RawData);
        return new X509Names(ReadCommonName(subject), dns, ips, uris, emails);
    }

    private static string? ReadCommonName(X500DistinguishedName subject) =>
        subject.EnumerateRelativeDistinguishedNames()
            .Where(rdn => !rdn.HasMultipleElements && rdn.GetSingleElementType().Value == CommonNameOid)
            .Select(rdn => rdn.GetSingleElementValue())
            .LastOrDefault();

    // The BCL's X509SubjectAlternativeNameExtension only enumerates DNS names and IPs; URIs and emails need the ASN.1.
    private static (List<string> Dns, List<string> Ips, List<string> Uris, List<string> Emails) ReadGeneralNames(byte[]? der)
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
                    names.ReadEncodedValue();
                    continue;
                }
                switch (tag.TagValue)
                {
                    case 1: emails.Add(names.ReadCharacterString(UniversalTagNumber.IA5String, tag)); break;
                    case 2: dns.Add(names.ReadCharacterString(UniversalTagNumber.IA5String, tag)); break;
                    case 6: uris.Add(names.ReadCharacterString(UniversalTagNumber.IA5String, tag)); break;
                    case 7: ips.Add(new IPAddress(names.ReadOctetString(tag)).ToString()); break;
                    default: names.ReadEncodedValue(); break;
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
