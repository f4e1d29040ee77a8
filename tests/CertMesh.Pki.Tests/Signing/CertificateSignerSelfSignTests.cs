using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertMesh.Pki.Tests.Support;

namespace CertMesh.Pki.Tests.Signing;

public sealed class CertificateSignerSelfSignTests
{
    [Theory]
    [InlineData(KeyAlgorithm.Ecdsa, 256, "1.2.840.10045.4.3.2")]
    [InlineData(KeyAlgorithm.Ecdsa, 384, "1.2.840.10045.4.3.3")]
    [InlineData(KeyAlgorithm.Ecdsa, 521, "1.2.840.10045.4.3.4")]
    [InlineData(KeyAlgorithm.Rsa, 2048, "1.2.840.113549.1.1.11")]
    public void SelfSign_CaTemplate_IssuerIsSubjectAndChainVerifies(KeyAlgorithm algorithm, int size, string signatureOid)
    {
        AsymmetricAlgorithm key = TestKeys.Get(algorithm, size);

        using X509Certificate2 ca = TestPki.SelfSignedCa(key);

        Assert.Equal(ca.SubjectName.RawData, ca.IssuerName.RawData);
        Assert.Equal(signatureOid, ca.SignatureAlgorithm.Value);
        Assert.True(CertificateInspector.Inspect(ca).IsCA);
        Assert.Equal(SubjectKeyId(ca), AuthorityKeyId(ca));
        (bool valid, string status) = TestPki.VerifyChain(ca, ca);
        Assert.True(valid, status);
    }

    [Fact]
    public void SelfSign_Leaf_ValidFromNowForTheDuration()
    {
        var template = new CertificateTemplate { CommonName = "self", Duration = TimeSpan.FromHours(5) };

        using X509Certificate2 cert = CertificateSigner.SelfSign(
            CsrBuilder.CreatePem(TestKeys.Ecdsa256(), template), TestKeys.Ecdsa256(), template, TestPki.Now);

        CertificateDetails details = CertificateInspector.Inspect(cert);
        Assert.Equal(TestPki.Now, details.NotBefore);
        Assert.Equal(TestPki.Now.AddHours(5), details.NotAfter);
        Assert.False(details.IsCA);
    }

    [Fact]
    public void SelfSign_KeyNotTheCsrKey_ThrowsPkiException()
    {
        using ECDsa other = TestKeys.FreshEcdsa();
        string csr = CsrBuilder.CreatePem(TestKeys.Ecdsa256(), Templates.Full);

        var error = Assert.Throws<PkiException>(() => CertificateSigner.SelfSign(csr, other, Templates.Full, TestPki.Now));

        Assert.Contains("does not match", error.Message);
    }

    [Theory]
    [InlineData(new string[0], false, new[] { "digital signature", "key encipherment" })]
    [InlineData(new string[0], true, new[] { "digital signature", "key encipherment", "cert sign" })]
    [InlineData(new[] { "signing", "s/mime" }, false, new[] { "digital signature", "email protection" })]
    [InlineData(new[] { "cert sign", "crl sign" }, true, new[] { "cert sign", "crl sign" })]
    [InlineData(new[] { "server auth" }, true, new[] { "cert sign", "server auth" })]
    [InlineData(
        new[] { "content commitment", "key agreement", "data encipherment", "encipher only", "decipher only" },
        false,
        new[] { "content commitment", "key agreement", "data encipherment", "encipher only", "decipher only" })]
    [InlineData(
        new[] { "any", "client auth", "code signing", "ipsec end system", "ipsec tunnel", "ipsec user", "timestamping", "ocsp signing", "microsoft sgc", "netscape sgc" },
        false,
        new[] { "any", "client auth", "code signing", "ipsec end system", "ipsec tunnel", "ipsec user", "timestamping", "ocsp signing", "microsoft sgc", "netscape sgc" })]
    public void SelfSign_Usages_AppearInCertificate(string[] usages, bool isCA, string[] expected)
    {
        var template = new CertificateTemplate { CommonName = "usages", Usages = usages, IsCA = isCA };

        using X509Certificate2 cert = CertificateSigner.SelfSign(
            CsrBuilder.CreatePem(TestKeys.Ecdsa256(), template), TestKeys.Ecdsa256(), template, TestPki.Now);

        CertificateDetails details = CertificateInspector.Inspect(cert);
        Assert.Equal(expected, details.Usages);
        Assert.Equal(isCA, details.IsCA);
    }

    [Fact]
    public void SelfSign_ManyCertificates_SerialsArePositive16ByteAndDistinct()
    {
        var serials = new HashSet<string>();
        for (int i = 0; i < 50; i++)
        {
            using X509Certificate2 cert = TestPki.SelfSignedCa(TestKeys.Ecdsa256());
            byte[] serial = cert.SerialNumberBytes.ToArray();
            Assert.Equal(16, serial.Length);
            Assert.True(serial[0] is > 0 and < 0x80);
            serials.Add(cert.SerialNumber);
        }

        Assert.Equal(50, serials.Count);
    }

    internal static byte[] SubjectKeyId(X509Certificate2 cert) =>
        cert.Extensions.OfType<X509SubjectKeyIdentifierExtension>().Single().SubjectKeyIdentifierBytes.ToArray();

    internal static byte[] AuthorityKeyId(X509Certificate2 cert) =>
        cert.Extensions.OfType<X509AuthorityKeyIdentifierExtension>().Single().KeyIdentifier!.Value.ToArray();
}
