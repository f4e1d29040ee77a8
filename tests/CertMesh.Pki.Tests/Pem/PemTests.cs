using System.Security.Cryptography.X509Certificates;
using CertMesh.Pki.Tests.Support;

// Not "CertMesh.Pki.Tests.Pem" (the folder): that namespace would hide the Pem class from every test file.
namespace CertMesh.Pki.Tests.PemFormat;

public sealed class PemTests
{
    [Fact]
    public void EncodeChain_ParseCertificates_RoundTripsInOrder()
    {
        using X509Certificate2 ca = TestPki.SelfSignedCa(TestKeys.Ecdsa256());
        using X509Certificate2 leaf = TestPki.Leaf(ca, TestKeys.Ecdsa256(), TestKeys.FreshEcdsa());

        IReadOnlyList<X509Certificate2> parsed = Pem.ParseCertificates(Pem.EncodeChain([leaf, ca]));

        Assert.Equal([leaf.RawData, ca.RawData], parsed.Select(c => c.RawData));
    }

    [Fact]
    public void Encode_Certificate_IsOneNewlineTerminatedBlockOpenSslReads()
    {
        using X509Certificate2 ca = TestPki.SelfSignedCa(TestKeys.Ecdsa256());
        using var directory = new TempDirectory();

        string pem = Pem.Encode(ca);

        Assert.StartsWith("-----BEGIN CERTIFICATE-----\n", pem);
        Assert.EndsWith("-----END CERTIFICATE-----\n", pem);
        Assert.Contains("CertMesh Test CA", OpenSsl.Succeed("x509", "-in", directory.Write("ca.pem", pem), "-noout", "-subject"));
    }

    [Fact]
    public void ParseCertificates_TextAndOtherBlocksAround_AreIgnored()
    {
        using X509Certificate2 ca = TestPki.SelfSignedCa(TestKeys.Ecdsa256());
        string bundle = "subject=CN = CertMesh Test CA\n" + Pem.Encode(ca)
            + PrivateKeys.ToPem(TestKeys.Ecdsa256(), KeyEncoding.Pkcs8) + "trailing notes\n";

        X509Certificate2 parsed = Assert.Single(Pem.ParseCertificates(bundle));

        Assert.Equal(ca.RawData, parsed.RawData);
    }

    [Theory]
    [InlineData("", "No \"CERTIFICATE\" PEM block")]
    [InlineData("garbage", "No \"CERTIFICATE\" PEM block")]
    [InlineData("-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n", "No \"CERTIFICATE\" PEM block")]
    [InlineData("-----BEGIN CERTIFICATE-----\nAAECAwQF\n-----END CERTIFICATE-----\n", "Certificate 1 of 1")]
    public void ParseCertificates_Garbage_ThrowsPkiException(string pem, string expected)
    {
        var error = Assert.Throws<PkiException>(() => Pem.ParseCertificates(pem));

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void DecodeCsr_EncodeCsr_RoundTrip()
    {
        string csr = CsrBuilder.CreatePem(TestKeys.Ecdsa256(), Templates.Full);

        byte[] der = Pem.DecodeCsr(csr);

        Assert.Equal(csr, Pem.EncodeCsr(der));
    }

    [Fact]
    public void DecodeCsr_NoCsrBlock_ThrowsPkiException() =>
        Assert.Throws<PkiException>(() => Pem.DecodeCsr("-----BEGIN CERTIFICATE-----\nMAA=\n-----END CERTIFICATE-----\n"));
}
