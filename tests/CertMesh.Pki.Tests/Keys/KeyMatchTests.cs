using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertMesh.Pki.Tests.Support;

namespace CertMesh.Pki.Tests.Keys;

public sealed class KeyMatchTests
{
    [Theory]
    [InlineData(KeyAlgorithm.Ecdsa, 256)]
    [InlineData(KeyAlgorithm.Ecdsa, 384)]
    [InlineData(KeyAlgorithm.Rsa, 2048)]
    public void CertificateMatchesKey_ItsOwnKey_IsTrue(KeyAlgorithm algorithm, int size)
    {
        AsymmetricAlgorithm key = TestKeys.Get(algorithm, size);
        using X509Certificate2 cert = TestPki.SelfSignedCa(key);

        Assert.True(KeyMatch.CertificateMatchesKey(cert, key));
    }

    [Fact]
    public void CertificateMatchesKey_AnotherKeyOfSameType_IsFalse()
    {
        using ECDsa other = TestKeys.FreshEcdsa();
        using X509Certificate2 cert = TestPki.SelfSignedCa(TestKeys.Ecdsa256());

        Assert.False(KeyMatch.CertificateMatchesKey(cert, other));
    }

    [Fact]
    public void CertificateMatchesKey_KeyOfOtherAlgorithm_IsFalse()
    {
        using X509Certificate2 cert = TestPki.SelfSignedCa(TestKeys.Ecdsa256());

        Assert.False(KeyMatch.CertificateMatchesKey(cert, TestKeys.Rsa2048()));
    }

    [Fact]
    public void CertificateMatchesKey_OpenSslCertificateAndKey_IsTrue()
    {
        using var directory = new TempDirectory();
        string keyFile = directory.Write("key.pem", PrivateKeys.ToPem(TestKeys.Ecdsa256(), KeyEncoding.Pkcs8));
        string cert = OpenSsl.Succeed("req", "-new", "-x509", "-key", keyFile, "-subj", "/CN=openssl", "-days", "1");

        using X509Certificate2 parsed = Pem.ParseCertificates(cert).Single();

        Assert.True(KeyMatch.CertificateMatchesKey(parsed, TestKeys.Ecdsa256()));
    }
}
