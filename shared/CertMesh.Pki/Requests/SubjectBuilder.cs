using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;

namespace CertMesh.Pki;

/// <summary>
/// Builds a template's subject in Go's pkix.Name order (C, ST, L, street, postalCode, O, OU, CN, serialNumber),
/// each value a PrintableString when it can be and a UTF8String otherwise, as Go encodes them. Unlike Go,
/// repeated values get one RDN each rather than a multi-valued RDN, which more tools display correctly.
/// Encoded by hand: X500DistinguishedNameBuilder writes RDNs in reverse order of addition.
/// </summary>
internal static class SubjectBuilder
{
    public static X500DistinguishedName? TryBuild(CertificateTemplate template, List<string> errors)
    {
        var attributes = new List<(string Oid, string Value)>();
        int before = errors.Count;
        Collect(attributes, DistinguishedNames.CountryOid, "subject.countries", template.Countries, errors);
        Collect(attributes, DistinguishedNames.ProvinceOid, "subject.provinces", template.Provinces, errors);
        Collect(attributes, DistinguishedNames.LocalityOid, "subject.localities", template.Localities, errors);
        Collect(attributes, DistinguishedNames.StreetAddressOid, "subject.streetAddresses", template.StreetAddresses, errors);
        Collect(attributes, DistinguishedNames.PostalCodeOid, "subject.postalCodes", template.PostalCodes, errors);
        Collect(attributes, DistinguishedNames.OrganizationOid, "subject.organizations", template.Organizations, errors);
        Collect(attributes, DistinguishedNames.OrganizationalUnitOid, "subject.organizationalUnits", template.OrganizationalUnits, errors);
        if (!string.IsNullOrEmpty(template.CommonName))
        {
            attributes.Add((DistinguishedNames.CommonNameOid, template.CommonName));
        }

        if (!string.IsNullOrEmpty(template.SerialNumber))
        {
            attributes.Add((DistinguishedNames.SerialNumberOid, template.SerialNumber));
        }

        return errors.Count == before ? new X500DistinguishedName(Encode(attributes)) : null;
    }

    private static void Collect(List<(string, string)> attributes, string oid, string field, IReadOnlyList<string> values, List<string> errors)
    {
        for (int i = 0; i < values.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(values[i]))
            {
                errors.Add($"{field}[{i}] is empty");
            }
            else
            {
                attributes.Add((oid, values[i]));
            }
        }
    }

    private static byte[] Encode(List<(string Oid, string Value)> attributes)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            foreach ((string oid, string value) in attributes)
            {
                using (writer.PushSetOf())
                using (writer.PushSequence())
                {
                    writer.WriteObjectIdentifier(oid);
                    writer.WriteCharacterString(IsPrintable(value) ? UniversalTagNumber.PrintableString : UniversalTagNumber.UTF8String, value);
                }
            }
        }

        return writer.Encode();
    }

    // X.680 PrintableString: letters, digits, space and '()+,-./:=? (no '*', '@', '&').
    private static bool IsPrintable(string value) =>
        value.All(c => char.IsAsciiLetterOrDigit(c) || " '()+,-./:=?".Contains(c));
}
