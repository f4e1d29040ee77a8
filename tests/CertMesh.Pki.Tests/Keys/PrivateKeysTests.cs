using System.Security.Cryptography;
using CertMesh.Pki.Tests.Support;

namespace CertMesh.Pki.Tests.Keys;

public sealed class PrivateKeysTests
{
    public static TheoryData<KeyAlgorithm, int> SupportedSpecs => new()
    {
        { KeyAlgorithm.Rsa, 2048 },
        { KeyAlgorithm.Rsa, 3072 },
        { KeyAlgorithm.Rsa, 4096 },
        { KeyAlgorithm.Ecdsa, 256 },
        { KeyAlgorithm.Ecdsa, 384 },
        { KeyAlgorithm.Ecdsa, 521 },
    };

    public static TheoryData<KeyAlgorithm, int, KeyEncoding> SpecsAndEncodings
    {
        get
        {
            var data = new TheoryData<KeyAlgorithm, int, KeyEncoding>();
            foreach (object[] spec in SupportedSpecs)
            {
                data.Add((KeyAlgorithm)spec[0], (int)spec[1], KeyEncoding.Pkcs1);
                data.Add((KeyAlgorithm)spec[0], (int)spec[1], KeyEncoding.Pkcs8);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(SupportedSpecs))]
    public void Generate_SupportedSpec_DescribesAsRequested(KeyAlgorithm algorithm, int size)
    {
        var spec = new KeySpec(algorithm, size);

        AsymmetricAlgorithm key = TestKeys.Get(spec);

        Assert.IsAssignableFrom(algorithm == KeyAlgorithm.Rsa ? typeof(RSA) : typeof(ECDsa), key);
        Assert.Equal(spec, PrivateKeys.Describe(key));
    }

    [Fact]
    public void Generate_TwoCalls_GiveDifferentKeys()
    {
        using AsymmetricAlgorithm a = PrivateKeys.Generate(KeySpec.Default);
        using AsymmetricAlgorithm b = PrivateKeys.Generate(KeySpec.Default);

        Assert.False(PrivateKeys.PublicKeysEqual(a, b));
    }

    [Theory]
    [InlineData(KeyAlgorithm.Rsa, 1024)]
    [InlineData(KeyAlgorithm.Ecdsa, 192)]
    public void Generate_UnsupportedSpec_ThrowsPkiException(KeyAlgorithm algorithm, int size)
    {
        var error = Assert.Throws<PkiException>(() => PrivateKeys.Generate(new KeySpec(algorithm, size)));

        Assert.Contains("not supported", error.Message);
    }

    [Theory]
    [InlineData(KeyAlgorithm.Rsa, KeyEncoding.Pkcs1, "RSA PRIVATE KEY")]
    [InlineData(KeyAlgorithm.Ecdsa, KeyEncoding.Pkcs1, "EC PRIVATE KEY")]
    [InlineData(KeyAlgorithm.Rsa, KeyEncoding.Pkcs8, "PRIVATE KEY")]
    [InlineData(KeyAlgorithm.Ecdsa, KeyEncoding.Pkcs8, "PRIVATE KEY")]
    public void ToPem_Encoding_UsesExpectedLabel(KeyAlgorithm algorithm, KeyEncoding encoding, string label)
    {
        AsymmetricAlgorithm key = algorithm == KeyAlgorithm.Rsa ? TestKeys.Rsa2048() : TestKeys.Ecdsa256();

        string pem = PrivateKeys.ToPem(key, encoding);

        Assert.StartsWith($"-----BEGIN {label}-----\n", pem);
        Assert.EndsWith($"-----END {label}-----\n", pem);
    }

    [Theory]
    [MemberData(nameof(SpecsAndEncodings))]
    public void ToPem_FromPem_RoundTripsTheKeyPair(KeyAlgorithm algorithm, int size, KeyEncoding encoding)
    {
        AsymmetricAlgorithm key = TestKeys.Get(algorithm, size);

        using AsymmetricAlgorithm read = PrivateKeys.FromPem(PrivateKeys.ToPem(key, encoding));

        Assert.Equal(new KeySpec(algorithm, size), PrivateKeys.Describe(read));
        Assert.True(PrivateKeys.PublicKeysEqual(key, read));
        Assert.Equal(PrivateKeys.ToPkcs8Der(key), PrivateKeys.ToPkcs8Der(read));
    }

    [Theory]
    [MemberData(nameof(SpecsAndEncodings))]
    public void ToPem_AnySpecAndEncoding_OpenSslReadsIt(KeyAlgorithm algorithm, int size, KeyEncoding encoding)
    {
        using var directory = new TempDirectory();
        string file = directory.Write("key.pem", PrivateKeys.ToPem(TestKeys.Get(algorithm, size), encoding));

        OpenSsl.Succeed("pkey", "-in", file, "-noout");
        string text = OpenSsl.Succeed("pkey", "-in", file, "-noout", "-text");

        Assert.Contains($"Private-Key: ({size} bit", text);
    }

    [Theory]
    [InlineData("genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256", KeyAlgorithm.Ecdsa, 256)]
    [InlineData("genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-384", KeyAlgorithm.Ecdsa, 384)]
    [InlineData("ecparam -genkey -name secp521r1", KeyAlgorithm.Ecdsa, 521)]
    [InlineData("genrsa -traditional 2048", KeyAlgorithm.Rsa, 2048)]
    [InlineData("genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048", KeyAlgorithm.Rsa, 2048)]
    public void FromPem_OpenSslGeneratedKey_ReadsIt(string command, KeyAlgorithm algorithm, int size)
    {
        string pem = OpenSsl.Succeed(command.Split(' '));

        using AsymmetricAlgorithm key = PrivateKeys.FromPem(pem);

        Assert.Equal(new KeySpec(algorithm, size), PrivateKeys.Describe(key));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a key at all")]
    [InlineData("-----BEGIN PRIVATE KEY-----\nAAECAwQF\n-----END PRIVATE KEY-----\n")]
    [InlineData("-----BEGIN RSA PRIVATE KEY-----\nMAMCAQA=\n-----END RSA PRIVATE KEY-----\n")]
    [InlineData("-----BEGIN EC PRIVATE KEY-----\nMAA=\n-----END EC PRIVATE KEY-----\n")]
    [InlineData("-----BEGIN CERTIFICATE-----\nMAA=\n-----END CERTIFICATE-----\n")]
    public void FromPem_Garbage_ThrowsPkiException(string pem) =>
        Assert.Throws<PkiException>(() => PrivateKeys.FromPem(pem));

    [Fact]
    public void FromPem_EncryptedKey_SaysEncryptedIsUnsupported()
    {
        string pem = OpenSsl.Succeed(
            "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-aes-256-cbc", "-pass", "pass:secret");

        var error = Assert.Throws<PkiException>(() => PrivateKeys.FromPem(pem));

        Assert.Contains("Encrypted", error.Message);
    }

    [Theory]
    [InlineData("genpkey -algorithm EC -pkeyopt ec_paramgen_curve:secp256k1", "curve")]
    [InlineData("genpkey -algorithm ED25519", "only RSA and ECDSA")]
    public void FromPem_UnsupportedKeyType_ThrowsPkiException(string command, string expected)
    {
        string pem = OpenSsl.Succeed(command.Split(' '));

        var error = Assert.Throws<PkiException>(() => PrivateKeys.FromPem(pem));

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void FromPem_CorruptKey_MessageHoldsNoKeyMaterial()
    {
        string pem = PrivateKeys.ToPem(TestKeys.Rsa2048(), KeyEncoding.Pkcs1);
        string[] lines = pem.Split('\n');
        lines[1] = new string('A', lines[1].Length); // still base64, but the DER header is gone
        string corrupt = string.Join('\n', lines);

        var error = Assert.Throws<PkiException>(() => PrivateKeys.FromPem(corrupt));

        IEnumerable<string> body = pem.Split('\n').Where(l => l.Length >= 16 && !l.StartsWith("-----", StringComparison.Ordinal));
        Assert.DoesNotContain(body, line => error.ToString().Contains(line[..16], StringComparison.Ordinal));
        Assert.Contains("RSA PRIVATE KEY", error.Message);
    }

    [Fact]
    public void ToPkcs8Der_Key_ImportsBackAsTheSameKey()
    {
        AsymmetricAlgorithm key = TestKeys.Ecdsa256();

        using ECDsa imported = ECDsa.Create();
        imported.ImportPkcs8PrivateKey(PrivateKeys.ToPkcs8Der(key), out _);

        Assert.True(PrivateKeys.PublicKeysEqual(key, imported));
    }

    [Fact]
    public void PublicKeysEqual_PublicHalfOfSameKey_IsTrue()
    {
        var key = (ECDsa)TestKeys.Ecdsa256();
        using ECDsa publicOnly = ECDsa.Create(key.ExportParameters(includePrivateParameters: false));

        Assert.True(PrivateKeys.PublicKeysEqual(key, publicOnly));
    }

    [Fact]
    public void PublicKeysEqual_DifferentAlgorithms_IsFalse() =>
        Assert.False(PrivateKeys.PublicKeysEqual(TestKeys.Rsa2048(), TestKeys.Ecdsa256()));

    [Fact]
    public void Describe_UnsupportedKeyType_ThrowsPkiException()
    {
        using var dh = ECDiffieHellman.Create();

        Assert.Throws<PkiException>(() => PrivateKeys.Describe(dh));
    }
}
