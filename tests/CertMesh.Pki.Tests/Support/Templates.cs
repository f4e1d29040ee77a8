namespace CertMesh.Pki.Tests.Support;

/// <summary>Templates shared by request and signing tests.</summary>
internal static class Templates
{
    /// <summary>Every name type and subject part set, with values that catch normalisation (URI without a path, IPv6, UTF-8).</summary>
    public static CertificateTemplate Full { get; } = new()
    {
        CommonName = "app.example.com",
        DnsNames = ["app.example.com", "*.app.example.com"],
        IpAddresses = ["10.0.0.1", "2001:db8::1"],
        Uris = ["spiffe://cluster.local/ns/default/sa/app", "https://example.com"],
        EmailAddresses = ["ops@example.com"],
        Organizations = ["CertMesh", "Müller & Söhne GmbH"],
        Countries = ["DE"],
        OrganizationalUnits = ["Platform"],
        Localities = ["Berlin"],
        Provinces = ["Land Berlin"],
        StreetAddresses = ["Alexanderplatz 1"],
        PostalCodes = ["10178"],
        SerialNumber = "SN-0042",
        Usages = [KeyUsages.DigitalSignature, KeyUsages.KeyEncipherment, KeyUsages.ServerAuth, KeyUsages.ClientAuth],
    };

    /// <summary>The subject <see cref="Full"/> should produce, in Go's pkix.Name order.</summary>
    public static IReadOnlyList<(string Oid, string Value)> FullSubject { get; } =
    [
        ("2.5.4.6", "DE"),
        ("2.5.4.8", "Land Berlin"),
        ("2.5.4.7", "Berlin"),
        ("2.5.4.9", "Alexanderplatz 1"),
        ("2.5.4.17", "10178"),
        ("2.5.4.10", "CertMesh"),
        ("2.5.4.10", "Müller & Söhne GmbH"),
        ("2.5.4.11", "Platform"),
        ("2.5.4.3", "app.example.com"),
        ("2.5.4.5", "SN-0042"),
    ];

    public static IReadOnlyList<(string Oid, string Value)> Rdns(System.Security.Cryptography.X509Certificates.X500DistinguishedName name) =>
        [.. name.EnumerateRelativeDistinguishedNames(reversed: false).Select(r => (r.GetSingleElementType().Value!, r.GetSingleElementValue()!))];
}
