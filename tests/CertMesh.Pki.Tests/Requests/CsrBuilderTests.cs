using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertMesh.Pki.Tests.Support;

namespace CertMesh.Pki.Tests.Requests;

public sealed class CsrBuilderTests
{
    [Fact]
    public void CreatePem_FullTemplate_ParsesBackEveryNameAndSubjectPart()
    {
        CertificateTemplate template = Templates.Full;

        ParsedCsr csr = CsrParser.Parse(CsrBuilder.CreatePem(TestKeys.Ecdsa256(), template));

        Assert.Equal(template.CommonName, csr.CommonName);
        Assert.Equal(template.DnsNames, csr.DnsNames);
        Assert.Equal(template.IpAddresses, csr.IpAddresses);
        Assert.Equal(template.Uris, csr.Uris);
        Assert.Equal(template.EmailAddresses, csr.EmailAddresses);
        Assert.Equal(template.Organizations, csr.Organizations);
        Assert.Equal(Templates.FullSubject, Templates.Rdns(csr.Request.SubjectName));
    }

    [Theory]
    [InlineData(KeyAlgorithm.Rsa, 2048, "sha256WithRSAEncryption")]
    [InlineData(KeyAlgorithm.Rsa, 4096, "sha256WithRSAEncryption")]
    [InlineData(KeyAlgorithm.Ecdsa, 256, "ecdsa-with-SHA256")]
    [InlineData(KeyAlgorithm.Ecdsa, 384, "ecdsa-with-SHA384")]
    [InlineData(KeyAlgorithm.Ecdsa, 521, "ecdsa-with-SHA512")]
    public void CreatePem_EachKeySpec_OpenSslVerifiesWithExpectedSignature(KeyAlgorithm algorithm, int size, string signature)
    {
        string pem = CsrBuilder.CreatePem(TestKeys.Get(algorithm, size), Templates.Full);
        using var directory = new TempDirectory();

        string text = OpenSsl.Succeed("req", "-in", directory.Write("csr.pem", pem), "-noout", "-verify", "-text");

        Assert.Contains("verify OK", text);
        Assert.Contains($"Signature Algorithm: {signature}", text);
        Assert.Contains("Subject: C = DE, ST = Land Berlin, L = Berlin, street = Alexanderplatz 1, postalCode = 10178, O = CertMesh", text);
        Assert.Contains("DNS:*.app.example.com", text);
        Assert.Contains("IP Address:2001:DB8:0:0:0:0:0:1", text);
        Assert.Contains("URI:https://example.com", text);
        Assert.Contains("email:ops@example.com", text);
    }

    [Fact]
    public void CreatePem_Usages_RequestedAsExtensions()
    {
        ParsedCsr csr = CsrParser.Parse(CsrBuilder.CreatePem(TestKeys.Ecdsa256(), Templates.Full));
        X509Extension keyUsage = csr.Request.CertificateExtensions.Single(e => e.Oid!.Value == "2.5.29.15");
        X509Extension basicConstraints = csr.Request.CertificateExtensions.Single(e => e.Oid!.Value == "2.5.29.19");

        Assert.Equal(Templates.Full.Usages, csr.Usages);
        Assert.False(csr.IsCA);
        Assert.True(keyUsage.Critical);
        Assert.True(basicConstraints.Critical);
    }

    [Theory]
    [InlineData(false, new[] { "digital signature", "key encipherment" })]
    [InlineData(true, new[] { "digital signature", "key encipherment", "cert sign" })]
    public void CreatePem_NoUsages_RequestsCertManagerDefaults(bool isCA, string[] expected)
    {
        var template = new CertificateTemplate { CommonName = "defaults", IsCA = isCA };

        ParsedCsr csr = CsrParser.Parse(CsrBuilder.CreatePem(TestKeys.Ecdsa256(), template));

        Assert.Equal(expected, csr.Usages);
        Assert.Equal(isCA, csr.IsCA);
    }

    [Fact]
    public void CreatePem_OnlyExtendedUsages_OmitsKeyUsageExtension()
    {
        var template = new CertificateTemplate { CommonName = "eku-only", Usages = [KeyUsages.ServerAuth] };

        ParsedCsr csr = CsrParser.Parse(CsrBuilder.CreatePem(TestKeys.Ecdsa256(), template));

        Assert.DoesNotContain(csr.Request.CertificateExtensions, e => e.Oid!.Value == "2.5.29.15");
        Assert.Equal([KeyUsages.ServerAuth], csr.Usages);
    }

    [Fact]
    public void CreatePem_NoSubject_MarksAltNamesCritical()
    {
        var template = new CertificateTemplate { DnsNames = ["only-a-san.example.com"] };

        ParsedCsr csr = CsrParser.Parse(CsrBuilder.CreatePem(TestKeys.Ecdsa256(), template));

        Assert.Null(csr.CommonName);
        Assert.True(csr.Request.CertificateExtensions.Single(e => e.Oid!.Value == "2.5.29.17").Critical);
    }

    [Fact]
    public void CreatePem_WithSubject_MarksAltNamesNonCritical()
    {
        ParsedCsr csr = CsrParser.Parse(CsrBuilder.CreatePem(TestKeys.Ecdsa256(), Templates.Full));

        Assert.False(csr.Request.CertificateExtensions.Single(e => e.Oid!.Value == "2.5.29.17").Critical);
    }

    [Theory]
    [InlineData("2001:DB8:0:0::1", "2001:db8::1")]
    [InlineData("127.0.0.1", "127.0.0.1")]
    [InlineData("::1", "::1")]
    public void CreatePem_IpAddress_ParsesBackNormalised(string given, string expected)
    {
        var template = new CertificateTemplate { IpAddresses = [given] };

        ParsedCsr csr = CsrParser.Parse(CsrBuilder.CreatePem(TestKeys.Ecdsa256(), template));

        Assert.Equal([expected], csr.IpAddresses);
    }

    [Fact]
    public void CreatePem_PrintableValues_UsePrintableStringAndOthersUtf8()
    {
        ParsedCsr csr = CsrParser.Parse(CsrBuilder.CreatePem(TestKeys.Ecdsa256(), Templates.Full));

        // Go's rule: PrintableString when every character allows it, else UTF8String.
        List<UniversalTagNumber> tags = StringTags(csr.Request.SubjectName);
        Assert.Equal(UniversalTagNumber.PrintableString, tags[0]); // C=DE
        Assert.Equal(UniversalTagNumber.UTF8String, tags[6]); // O=Müller & Söhne GmbH
    }

    [Fact]
    public void CreatePem_InvalidTemplate_ReportsEveryProblemAtOnce()
    {
        var template = new CertificateTemplate
        {
            CommonName = "ok",
            DnsNames = ["bücher.example"],
            IpAddresses = ["10.0.0.300", "010.0.0.1"],
            Uris = ["not/absolute"],
            EmailAddresses = ["no-at-sign"],
            Organizations = [" "],
            Usages = ["server auth", "teleport"],
        };

        var error = Assert.Throws<PkiException>(() => CsrBuilder.CreatePem(TestKeys.Ecdsa256(), template));

        Assert.Contains("dnsNames[0]", error.Message);
        Assert.Contains("ipAddresses[0] '10.0.0.300'", error.Message);
        Assert.Contains("ipAddresses[1] '010.0.0.1'", error.Message);
        Assert.Contains("uris[0]", error.Message);
        Assert.Contains("emailAddresses[0]", error.Message);
        Assert.Contains("subject.organizations[0] is empty", error.Message);
        Assert.Contains("'teleport'", error.Message);
    }

    [Fact]
    public void CreatePem_NoNamesAtAll_ThrowsPkiException()
    {
        var error = Assert.Throws<PkiException>(() => CsrBuilder.CreatePem(TestKeys.Ecdsa256(), new CertificateTemplate()));

        Assert.Contains("at least one of commonName", error.Message);
    }

    [Fact]
    public void CreatePem_UnsupportedKeySize_ThrowsPkiException()
    {
        using RSA small = RSA.Create(1024);

        Assert.Throws<PkiException>(() => CsrBuilder.CreatePem(small, Templates.Full));
    }

    private static List<UniversalTagNumber> StringTags(X500DistinguishedName name)
    {
        var tags = new List<UniversalTagNumber>();
        AsnReader rdns = new AsnReader(name.RawData, AsnEncodingRules.DER).ReadSequence();
        while (rdns.HasData)
        {
            AsnReader attribute = rdns.ReadSetOf().ReadSequence();
            _ = attribute.ReadObjectIdentifier();
            tags.Add((UniversalTagNumber)attribute.PeekTag().TagValue);
        }

        return tags;
    }
}
