using System.Formats.Asn1;
using System.Net;

namespace CertMesh.Pki;

/// <summary>
/// The subjectAltName extension value (GeneralNames) for the four name types cert-manager uses, encoded and
/// decoded by hand so strings round-trip exactly (the BCL builder normalises URIs and has no URI/email reader).
/// </summary>
internal sealed record AltNames(
    IReadOnlyList<string> DnsNames,
    IReadOnlyList<string> IpAddresses,
    IReadOnlyList<string> Uris,
    IReadOnlyList<string> EmailAddresses)
{
    public const string Oid = "2.5.29.17";

    private static readonly Asn1Tag Rfc822NameTag = new(TagClass.ContextSpecific, 1);
    private static readonly Asn1Tag DnsNameTag = new(TagClass.ContextSpecific, 2);
    private static readonly Asn1Tag UriTag = new(TagClass.ContextSpecific, 6);
    private static readonly Asn1Tag IpAddressTag = new(TagClass.ContextSpecific, 7);

    public static AltNames None { get; } = new([], [], [], []);

    public bool IsEmpty => DnsNames.Count + IpAddresses.Count + Uris.Count + EmailAddresses.Count == 0;

    /// <summary>DER GeneralNames in Go's order (DNS, email, IP, URI); values must already be validated.</summary>
    public byte[] Encode()
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            foreach (string dns in DnsNames)
            {
                writer.WriteCharacterString(UniversalTagNumber.IA5String, dns, DnsNameTag);
            }

            foreach (string email in EmailAddresses)
            {
                writer.WriteCharacterString(UniversalTagNumber.IA5String, email, Rfc822NameTag);
            }

            foreach (string ip in IpAddresses)
            {
                writer.WriteOctetString(IPAddress.Parse(ip).GetAddressBytes(), IpAddressTag);
            }

            foreach (string uri in Uris)
            {
                writer.WriteCharacterString(UniversalTagNumber.IA5String, uri, UriTag);
            }
        }

        return writer.Encode();
    }

    /// <summary>Reads GeneralNames; other name types (otherName, directoryName…) are skipped. IPs come back normalised.</summary>
    public static AltNames Decode(ReadOnlyMemory<byte> extensionValue)
    {
        List<string> dns = [], ips = [], uris = [], emails = [];
        try
        {
            var outer = new AsnReader(extensionValue, AsnEncodingRules.DER);
            AsnReader names = outer.ReadSequence();
            outer.ThrowIfNotEmpty();
            while (names.HasData)
            {
                Asn1Tag tag = names.PeekTag();
                if (tag == Rfc822NameTag)
                {
                    emails.Add(names.ReadCharacterString(UniversalTagNumber.IA5String, tag));
                }
                else if (tag == DnsNameTag)
                {
                    dns.Add(names.ReadCharacterString(UniversalTagNumber.IA5String, tag));
                }
                else if (tag == UriTag)
                {
                    uris.Add(names.ReadCharacterString(UniversalTagNumber.IA5String, tag));
                }
                else if (tag == IpAddressTag)
                {
                    byte[] address = names.ReadOctetString(tag);
                    ips.Add(address.Length is 4 or 16
                        ? new IPAddress(address).ToString()
                        : throw new PkiException($"The subject alternative name has a {address.Length}-byte IP address (expected 4 or 16)."));
                }
                else
                {
                    _ = names.ReadEncodedValue();
                }
            }
        }
        catch (AsnContentException e)
        {
            throw new PkiException("The subject alternative name extension is malformed.", e);
        }

        return new AltNames(dns, ips, uris, emails);
    }
}
