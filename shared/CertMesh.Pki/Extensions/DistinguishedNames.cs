using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;

namespace CertMesh.Pki;

/// <summary>Reads the attribute values of an X.500 name, including multi-valued RDNs (which Go writes for repeated O/OU…).</summary>
internal static class DistinguishedNames
{
    public const string CommonNameOid = "2.5.4.3";
    public const string SerialNumberOid = "2.5.4.5";
    public const string CountryOid = "2.5.4.6";
    public const string LocalityOid = "2.5.4.7";
    public const string ProvinceOid = "2.5.4.8";
    public const string StreetAddressOid = "2.5.4.9";
    public const string OrganizationOid = "2.5.4.10";
    public const string OrganizationalUnitOid = "2.5.4.11";
    public const string PostalCodeOid = "2.5.4.17";

    /// <summary>(attribute OID, value) pairs in encoding order; values in unknown string types are skipped.</summary>
    public static IReadOnlyList<(string Oid, string Value)> Read(X500DistinguishedName name)
    {
        var attributes = new List<(string, string)>();
        try
        {
            var outer = new AsnReader(name.RawData, AsnEncodingRules.DER);
            AsnReader rdns = outer.ReadSequence();
            outer.ThrowIfNotEmpty();
            while (rdns.HasData)
            {
                AsnReader set = rdns.ReadSetOf(skipSortOrderValidation: true);
                while (set.HasData)
                {
                    AsnReader attribute = set.ReadSequence();
                    string oid = attribute.ReadObjectIdentifier();
                    if (ReadString(attribute) is { } value)
                    {
                        attributes.Add((oid, value));
                    }
                }
            }
        }
        catch (AsnContentException e)
        {
            throw new PkiException("The subject name is malformed.", e);
        }

        return attributes;
    }

    public static IReadOnlyList<string> Values(IReadOnlyList<(string Oid, string Value)> attributes, string oid) =>
        [.. attributes.Where(a => a.Oid == oid).Select(a => a.Value)];

    /// <summary>The last common name, as Go's pkix.Name keeps it; null when there is none.</summary>
    public static string? CommonName(IReadOnlyList<(string Oid, string Value)> attributes) =>
        attributes.LastOrDefault(a => a.Oid == CommonNameOid).Value;

    private static string? ReadString(AsnReader attribute)
    {
        Asn1Tag tag = attribute.PeekTag();
        if (tag.TagClass == TagClass.Universal)
        {
            switch ((UniversalTagNumber)tag.TagValue)
            {
                case UniversalTagNumber.UTF8String:
                case UniversalTagNumber.PrintableString:
                case UniversalTagNumber.IA5String:
                case UniversalTagNumber.BMPString:
                case UniversalTagNumber.T61String:
                case UniversalTagNumber.VisibleString:
                case UniversalTagNumber.NumericString:
                    return attribute.ReadCharacterString((UniversalTagNumber)tag.TagValue);
            }
        }

        _ = attribute.ReadEncodedValue();
        return null;
    }
}
