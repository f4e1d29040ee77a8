using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertMesh.Client.Keys;
using CertMesh.Contracts;

namespace CertMesh.Client.Requests;

/// <summary>
/// The PKCS#10 request CertMesh signs: exactly the spec's commonName, subject fields and SANs (CertMesh refuses a CSR
/// whose names differ from the spec, since the spec is what it stores, shows and renews), signed by the client's key.
/// </summary>
internal static class CsrFactory
{
    const string SubjectAlternativeNameOid = "2.5.29.17";

    public static string CreatePem(ClientKey key, CertificateSpec spec)
    {
        var request = key.Algorithm switch
        {
            ECDsa ec => new CertificateRequest(Subject(spec), ec, HashAlgorithmName.SHA256),
            RSA rsa => new CertificateRequest(Subject(spec), rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            _ => throw new NotSupportedException(key.Algorithm.GetType().Name),
        };
        if (SubjectAlternativeNames(spec) is { } names)
        {
            request.CertificateExtensions.Add(names);
        }
        return request.CreateSigningRequestPem();
    }

    /// <summary>Whether <paramref name="pem"/> is a request from <paramref name="key"/> for the names of
    /// <paramref name="spec"/> (a stored CSR is re-sent as is only then; otherwise a new one is made).</summary>
    public static bool Matches(string pem, ClientKey key, CertificateSpec spec)
    {
        try
        {
            // Extensions are only compared as bytes here, never trusted, so loading them is safe.
            var request = CertificateRequest.LoadSigningRequestPem(pem, HashAlgorithmName.SHA256, CertificateRequestLoadOptions.UnsafeLoadCertificateExtensions);
            var expectedNames = SubjectAlternativeNames(spec);
            // Loaded extensions are plain X509Extension: found by OID, compared by their DER.
            var actualNames = request.CertificateExtensions.SingleOrDefault(e => e.Oid?.Value == SubjectAlternativeNameOid);
            return request.PublicKey.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(key.SubjectPublicKeyInfo)
                && request.SubjectName.RawData.AsSpan().SequenceEqual(Subject(spec).RawData)
                && (expectedNames?.RawData ?? []).AsSpan().SequenceEqual(actualNames?.RawData ?? []);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    static X500DistinguishedName Subject(CertificateSpec spec)
    {
        var builder = new X500DistinguishedNameBuilder();
        var subject = spec.Subject;
        foreach (var country in subject?.Countries ?? [])
        {
            builder.AddCountryOrRegion(country);
        }
        foreach (var province in subject?.Provinces ?? [])
        {
            builder.AddStateOrProvinceName(province);
        }
        foreach (var locality in subject?.Localities ?? [])
        {
            builder.AddLocalityName(locality);
        }
        foreach (var street in subject?.StreetAddresses ?? [])
        {
            builder.Add("2.5.4.9", street);
        }
        foreach (var postalCode in subject?.PostalCodes ?? [])
        {
            builder.Add("2.5.4.17", postalCode);
        }
        foreach (var organization in subject?.Organizations ?? [])
        {
            builder.AddOrganizationName(organization);
        }
        foreach (var unit in subject?.OrganizationalUnits ?? [])
        {
            builder.AddOrganizationalUnitName(unit);
        }
        if (subject?.SerialNumber is { Length: > 0 } serial)
        {
            builder.Add("2.5.4.5", serial, System.Formats.Asn1.UniversalTagNumber.PrintableString);
        }
        if (spec.CommonName is { Length: > 0 } commonName)
        {
            builder.AddCommonName(commonName);
        }
        return builder.Build();
    }

    static X509Extension? SubjectAlternativeNames(CertificateSpec spec)
    {
        var builder = new SubjectAlternativeNameBuilder();
        var any = false;
        foreach (var dns in spec.DnsNames ?? [])
        {
            builder.AddDnsName(dns);
            any = true;
        }
        foreach (var ip in spec.IpAddresses ?? [])
        {
            builder.AddIpAddress(IPAddress.Parse(ip));
            any = true;
        }
        foreach (var uri in spec.Uris ?? [])
        {
            builder.AddUri(new Uri(uri));
            any = true;
        }
        foreach (var email in spec.EmailAddresses ?? [])
        {
            builder.AddEmailAddress(email);
            any = true;
        }
        return any ? builder.Build() : null;
    }
}
