using System.Security.Cryptography.X509Certificates;
using CertMesh.Pki.Tests.Support;

namespace CertMesh.Pki.Tests.Inspection;

public sealed class CertificateInspectorTests
{
    [Fact]
    public void Inspect_SignedLeaf_ReportsWhatTheSpecAskedFor()
    {
        using X509Certificate2 ca = TestPki.SelfSignedCa(TestKeys.Ecdsa256());
        using X509Certificate2 leaf = TestPki.Leaf(ca, TestKeys.Ecdsa256(), TestKeys.FreshEcdsa(), Templates.Full);

        CertificateDetails details = CertificateInspector.Inspect(leaf);

        Assert.Equal(Templates.Full.CommonName, details.CommonName);
        Assert.Equal(Templates.Full.DnsNames, details.DnsNames);
        Assert.Equal(Templates.Full.IpAddresses, details.IpAddresses);
        Assert.Equal(Templates.Full.Uris, details.Uris);
        Assert.Equal(Templates.Full.EmailAddresses, details.EmailAddresses);
        Assert.Equal(Templates.Full.Organizations, details.Organizations);
        Assert.Equal(Templates.Full.Usages, details.Usages);
        Assert.False(details.IsCA);
        Assert.Equal(TestPki.Now, details.NotBefore);
        Assert.Equal(TestPki.Now.AddDays(90), details.NotAfter);
        Assert.Empty(CertificateInspector.FindNameMismatches(leaf, Templates.Full));
    }

    [Fact]
    public void Inspect_SerialNumber_IsLowercaseHexWithoutLeadingZeros()
    {
        using X509Certificate2 ca = TestPki.SelfSignedCa(TestKeys.Ecdsa256());

        string serial = CertificateInspector.Inspect(ca).SerialNumber;

        Assert.Equal(ca.SerialNumber.ToLowerInvariant().TrimStart('0'), serial);
        Assert.Matches("^[1-9a-f][0-9a-f]*$", serial);
    }

    [Fact]
    public void Inspect_OpenSslCertificate_ReadsNamesUsagesAndCaFlag()
    {
        using var directory = new TempDirectory();
        string keyFile = directory.Write("key.pem", PrivateKeys.ToPem(TestKeys.Ecdsa256(), KeyEncoding.Pkcs1));
        string pem = OpenSsl.Succeed(
            "req", "-new", "-x509", "-key", keyFile, "-days", "1", "-set_serial", "0x0badcafe",
            "-subj", "/O=Org/CN=openssl.example.com",
            "-addext", "subjectAltName=DNS:openssl.example.com,IP:10.1.2.3,URI:https://example.com,email:x@example.com",
            "-addext", "basicConstraints=critical,CA:TRUE",
            "-addext", "keyUsage=critical,keyCertSign,cRLSign",
            "-addext", "extendedKeyUsage=clientAuth");
        using X509Certificate2 cert = Pem.ParseCertificates(pem).Single();

        CertificateDetails details = CertificateInspector.Inspect(cert);

        Assert.Equal("openssl.example.com", details.CommonName);
        Assert.Equal(["openssl.example.com"], details.DnsNames);
        Assert.Equal(["10.1.2.3"], details.IpAddresses);
        Assert.Equal(["https://example.com"], details.Uris);
        Assert.Equal(["x@example.com"], details.EmailAddresses);
        Assert.Equal(["Org"], details.Organizations);
        Assert.True(details.IsCA);
        Assert.Equal([KeyUsages.CertSign, KeyUsages.CrlSign, KeyUsages.ClientAuth], details.Usages);
        Assert.Equal("badcafe", details.SerialNumber);
    }

    public static TheoryData<string?, string[], string?, string[], string[]> NameCases => new()
    {
        // spec CN, spec DNS, cert CN, cert DNS, violations
        { "a.example.com", ["a.example.com"], "a.example.com", ["a.example.com"], [] },
        { null, ["a.example.com"], "a.example.com", ["a.example.com"], [] }, // CA promoted a DNS name to CN
        { "a.example.com", [], null, ["a.example.com"], [] }, // CA moved the CN into the SANs
        { "a.example.com", ["a.example.com", "b.example.com"], "a.example.com", ["a.example.com"], ["spec.dnsNames"] },
        { "c.example.com", ["a.example.com"], "a.example.com", ["a.example.com"], ["spec.commonName"] },
    };

    [Theory]
    [MemberData(nameof(NameCases))]
    public void FindNameMismatches_CommonNameAndDnsNames_ComparedLooselyAsCertManager(
        string? specCn, string[] specDns, string? certCn, string[] certDns, string[] violations)
    {
        var certTemplate = new CertificateTemplate { CommonName = certCn, DnsNames = certDns };
        using X509Certificate2 cert = CertificateSigner.SelfSign(
            CsrBuilder.CreatePem(TestKeys.Ecdsa256(), certTemplate), TestKeys.Ecdsa256(), certTemplate, TestPki.Now);

        IReadOnlyList<string> found = CertificateInspector.FindNameMismatches(cert, new CertificateTemplate { CommonName = specCn, DnsNames = specDns });

        Assert.Equal(violations, found);
    }

    [Fact]
    public void FindNameMismatches_OtherNameTypesDiffer_ReportsEachField()
    {
        using X509Certificate2 cert = CertificateSigner.SelfSign(
            CsrBuilder.CreatePem(TestKeys.Ecdsa256(), Templates.Full), TestKeys.Ecdsa256(), Templates.Full, TestPki.Now);
        CertificateTemplate spec = Templates.Full with
        {
            IpAddresses = ["2001:DB8:0::1", "10.0.0.1"], // same set, other spelling and order: no violation
            Uris = ["spiffe://cluster.local/other"],
            EmailAddresses = [],
        };

        IReadOnlyList<string> found = CertificateInspector.FindNameMismatches(cert, spec);

        Assert.Equal(["spec.uris", "spec.emailAddresses"], found);
    }
}
