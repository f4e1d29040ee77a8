using System.Security.Cryptography;
using System.Text;
using CertMesh.Pki.Tests.Support;

namespace CertMesh.Pki.Tests.Requests;

public sealed class CsrParserTests
{
    [Theory]
    [InlineData(KeyAlgorithm.Ecdsa, 256)]
    [InlineData(KeyAlgorithm.Ecdsa, 384)]
    [InlineData(KeyAlgorithm.Ecdsa, 521)]
    [InlineData(KeyAlgorithm.Rsa, 2048)]
    [InlineData(KeyAlgorithm.Rsa, 3072)]
    public void Parse_OwnCsr_ReportsKeySpecAndCanonicalPublicKey(KeyAlgorithm algorithm, int size)
    {
        AsymmetricAlgorithm key = TestKeys.Get(algorithm, size);

        ParsedCsr csr = CsrParser.Parse(CsrBuilder.CreatePem(key, Templates.Full));

        Assert.Equal(new KeySpec(algorithm, size), csr.KeySpec);
        Assert.Equal(key.ExportSubjectPublicKeyInfo(), csr.SubjectPublicKeyInfo);
    }

    [Fact]
    public void Parse_TamperedCsr_RejectsTheSignature()
    {
        string pem = CsrBuilder.CreatePem(TestKeys.Ecdsa256(), Templates.Full);
        byte[] der = Pem.DecodeCsr(pem);
        byte[] original = Encoding.ASCII.GetBytes("app.example.com");
        int at = der.AsSpan().IndexOf(original);
        der[at] = (byte)'e'; // CN becomes "epp.example.com": still well-formed, no longer what was signed

        var error = Assert.Throws<PkiException>(() => CsrParser.Parse(Pem.EncodeCsr(der)));

        Assert.Contains("signature does not verify", error.Message);
    }

    [Fact]
    public void Parse_CsrCarryingAnotherKey_RejectsTheSignature()
    {
        // Same request body, public key swapped for another of the same size: proof of possession fails.
        using ECDsa other = TestKeys.FreshEcdsa();
        byte[] der = Pem.DecodeCsr(CsrBuilder.CreatePem(TestKeys.Ecdsa256(), Templates.Full));
        byte[] ownKey = TestKeys.Ecdsa256().ExportSubjectPublicKeyInfo();
        int at = der.AsSpan().IndexOf(ownKey);
        other.ExportSubjectPublicKeyInfo().CopyTo(der, at);

        var error = Assert.Throws<PkiException>(() => CsrParser.Parse(Pem.EncodeCsr(der)));

        Assert.Contains("signature does not verify", error.Message);
    }

    [Theory]
    [InlineData("", "No \"CERTIFICATE REQUEST\" PEM block")]
    [InlineData("hello world", "No \"CERTIFICATE REQUEST\" PEM block")]
    [InlineData("-----BEGIN CERTIFICATE-----\nMAA=\n-----END CERTIFICATE-----\n", "No \"CERTIFICATE REQUEST\" PEM block")]
    [InlineData("-----BEGIN CERTIFICATE REQUEST-----\nAAECAwQFBgcI\n-----END CERTIFICATE REQUEST-----\n", "not a valid PKCS#10")]
    [InlineData("-----BEGIN CERTIFICATE REQUEST-----\nMAA=\n-----END CERTIFICATE REQUEST-----\n", "not a valid PKCS#10")]
    public void Parse_Garbage_ThrowsPkiExceptionSayingWhy(string pem, string expected)
    {
        var error = Assert.Throws<PkiException>(() => CsrParser.Parse(pem));

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Parse_OpenSslCsr_ReadsEveryNameType()
    {
        using var directory = new TempDirectory();
        string keyFile = directory.Write("key.pem", PrivateKeys.ToPem(TestKeys.Get(KeyAlgorithm.Ecdsa, 384), KeyEncoding.Pkcs1));
        string pem = OpenSsl.Succeed(
            "req", "-new", "-key", keyFile, "-subj", "/O=Org A/O=Org B/CN=openssl.example.com",
            "-addext", "subjectAltName=DNS:openssl.example.com,DNS:alt.example.com,IP:192.168.1.1,IP:fe80::1,URI:spiffe://td/wl,email:a@example.com",
            "-addext", "basicConstraints=critical,CA:TRUE",
            "-addext", "keyUsage=critical,digitalSignature,keyCertSign",
            "-addext", "extendedKeyUsage=serverAuth,1.3.6.1.5.5.7.3.8");

        ParsedCsr csr = CsrParser.Parse(pem);

        Assert.Equal("openssl.example.com", csr.CommonName);
        Assert.Equal(["openssl.example.com", "alt.example.com"], csr.DnsNames);
        Assert.Equal(["192.168.1.1", "fe80::1"], csr.IpAddresses);
        Assert.Equal(["spiffe://td/wl"], csr.Uris);
        Assert.Equal(["a@example.com"], csr.EmailAddresses);
        Assert.Equal(["Org A", "Org B"], csr.Organizations);
        Assert.Equal(new KeySpec(KeyAlgorithm.Ecdsa, 384), csr.KeySpec);
        Assert.True(csr.IsCA);
        Assert.Equal([KeyUsages.DigitalSignature, KeyUsages.CertSign, KeyUsages.ServerAuth, KeyUsages.Timestamping], csr.Usages);
    }

    [Fact]
    public void Parse_OpenSslCsrWithMultiValuedRdn_ReadsEveryValue()
    {
        using var directory = new TempDirectory();
        string keyFile = directory.Write("key.pem", PrivateKeys.ToPem(TestKeys.Ecdsa256(), KeyEncoding.Pkcs8));
        string pem = OpenSsl.Succeed("req", "-new", "-key", keyFile, "-multivalue-rdn", "-subj", "/O=Org A+O=Org B/CN=multi");

        ParsedCsr csr = CsrParser.Parse(pem);

        Assert.Equal(["Org A", "Org B"], csr.Organizations);
        Assert.Equal("multi", csr.CommonName);
    }

    [Fact]
    public void Parse_WeakRsaKey_ThrowsUnsupported()
    {
        using RSA weak = RSA.Create(1024);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest(
            "CN=weak", weak, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

        var error = Assert.Throws<PkiException>(() => CsrParser.Parse(request.CreateSigningRequestPem()));

        Assert.Contains("RSA 1024", error.Message);
        Assert.Contains("not supported", error.Message);
    }
}
