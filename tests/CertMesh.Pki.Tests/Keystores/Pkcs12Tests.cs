using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertMesh.Pki.Tests.Support;

namespace CertMesh.Pki.Tests.Keystores;

public sealed class Pkcs12Tests
{
    private const string Password = "correct horse battery staple";

    [Theory]
    [InlineData(KeyAlgorithm.Ecdsa, 256)]
    [InlineData(KeyAlgorithm.Rsa, 2048)]
    public void Export_WithPassword_ReimportsKeyAndChain(KeyAlgorithm algorithm, int size)
    {
        AsymmetricAlgorithm leafKey = TestKeys.Get(algorithm, size);
        using X509Certificate2 ca = TestPki.SelfSignedCa(TestKeys.Get(KeyAlgorithm.Ecdsa, 384));
        using X509Certificate2 leaf = TestPki.Leaf(ca, TestKeys.Get(KeyAlgorithm.Ecdsa, 384), leafKey);

        byte[] pfx = Pkcs12.Export(leaf, leafKey, [ca], Password);

        X509Certificate2Collection loaded = X509CertificateLoader.LoadPkcs12Collection(pfx, Password);
        X509Certificate2 withKey = Assert.Single(loaded.Cast<X509Certificate2>(), c => c.HasPrivateKey);
        Assert.Equal(leaf.RawData, withKey.RawData);
        using AsymmetricAlgorithm importedKey = algorithm == KeyAlgorithm.Rsa ? withKey.GetRSAPrivateKey()! : withKey.GetECDsaPrivateKey()!;
        Assert.True(PrivateKeys.PublicKeysEqual(leafKey, importedKey));
        Assert.Contains(loaded.Cast<X509Certificate2>(), c => c.RawData.SequenceEqual(ca.RawData));
    }

    [Fact]
    public void Export_WrongPassword_DoesNotImport()
    {
        using X509Certificate2 ca = TestPki.SelfSignedCa(TestKeys.Ecdsa256());

        byte[] pfx = Pkcs12.Export(ca, TestKeys.Ecdsa256(), [], Password);

        Assert.ThrowsAny<CryptographicException>(() => X509CertificateLoader.LoadPkcs12(pfx, "wrong"));
    }

    [Fact]
    public void Export_Keystore_UsesPbes2Aes256AndSha256Mac()
    {
        using X509Certificate2 ca = TestPki.SelfSignedCa(TestKeys.Ecdsa256());
        using var directory = new TempDirectory();
        string file = directory.Write("keystore.p12", Pkcs12.Export(ca, TestKeys.Ecdsa256(), [], Password));

        string info = OpenSsl.Succeed("pkcs12", "-in", file, "-info", "-noout", "-passin", $"pass:{Password}");

        Assert.Contains("MAC: sha256", info);
        Assert.Contains("PBES2, PBKDF2, AES-256-CBC", info);
        Assert.DoesNotContain("RC2", info);
        Assert.DoesNotContain("3DES", info);
    }

    [Fact]
    public void Export_KeyNotTheCertificates_ThrowsPkiException()
    {
        using X509Certificate2 ca = TestPki.SelfSignedCa(TestKeys.Ecdsa256());
        using ECDsa other = TestKeys.FreshEcdsa();

        var error = Assert.Throws<PkiException>(() => Pkcs12.Export(ca, other, [], Password));

        Assert.Contains("does not match", error.Message);
    }
}
