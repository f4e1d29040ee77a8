using System.Security.Cryptography;
using System.Text;
using CertMesh.Persistence.Secrets;

namespace CertMesh.Persistence.Tests.Secrets;

public sealed class SecretCipherTests
{
    static readonly byte[] Plaintext = Encoding.UTF8.GetBytes("-----BEGIN PRIVATE KEY----- not really");

    [Fact]
    public void Decrypt_SameKeyAndAssociatedData_ReturnsPlaintext()
    {
        var cipher = new SecretCipher(RandomNumberGenerator.GetBytes(32));

        var sealedData = cipher.Encrypt(Plaintext, "secret:ns/a");

        Assert.Equal(Plaintext, cipher.Decrypt(sealedData, "secret:ns/a"));
        Assert.Equal(12 + 16 + Plaintext.Length, sealedData.Length);
    }

    [Fact]
    public void Encrypt_SamePlaintextTwice_UsesFreshNonces()
    {
        var cipher = new SecretCipher(RandomNumberGenerator.GetBytes(32));

        Assert.NotEqual(cipher.Encrypt(Plaintext, "secret:ns/a"), cipher.Encrypt(Plaintext, "secret:ns/a"));
    }

    [Fact]
    public void Decrypt_OtherAssociatedData_Throws()
    {
        var cipher = new SecretCipher(RandomNumberGenerator.GetBytes(32));

        var sealedData = cipher.Encrypt(Plaintext, "secret:ns/a");

        Assert.ThrowsAny<CryptographicException>(() => cipher.Decrypt(sealedData, "secret:ns/b"));
    }

    [Fact]
    public void Decrypt_OtherKey_Throws()
    {
        var sealedData = new SecretCipher(RandomNumberGenerator.GetBytes(32)).Encrypt(Plaintext, "secret:ns/a");

        Assert.ThrowsAny<CryptographicException>(() => new SecretCipher(RandomNumberGenerator.GetBytes(32)).Decrypt(sealedData, "secret:ns/a"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(12)]
    [InlineData(27)]
    public void Decrypt_Truncated_ThrowsClearError(int length)
    {
        var cipher = new SecretCipher(RandomNumberGenerator.GetBytes(32));

        var error = Assert.Throws<CryptographicException>(() => cipher.Decrypt(new byte[length], "secret:ns/a"));

        Assert.Equal("stored secret is truncated", error.Message);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void FromBase64_Missing_SaysKeyIsNotSet(string? value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => SecretCipher.FromBase64(value));

        Assert.Contains("CERTMESH_SECRET_KEY is not set", error.Message);
        Assert.Contains("32-byte key in base64", error.Message);
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("abc")]
    [InlineData("%%%%")]
    public void FromBase64_InvalidBase64_SaysNotValidBase64(string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => SecretCipher.FromBase64(value));

        Assert.Equal("CERTMESH_SECRET_KEY is not valid base64", error.Message);
        Assert.Null(error.InnerException);
    }

    [Theory]
    [InlineData(16)]
    [InlineData(31)]
    [InlineData(33)]
    [InlineData(64)]
    public void FromBase64_WrongLength_SaysKeyMustBe32Bytes(int length)
    {
        var error = Assert.Throws<ArgumentException>(() => SecretCipher.FromBase64(Convert.ToBase64String(RandomNumberGenerator.GetBytes(length))));

        Assert.Contains("must be 32 bytes (AES-256)", error.Message);
        Assert.Contains("CERTMESH_SECRET_KEY", error.Message);
    }

    [Fact]
    public void FromBase64_ValidKeyWithSurroundingWhitespace_RoundTrips()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var cipher = SecretCipher.FromBase64("  " + Convert.ToBase64String(key) + "\n");

        var sealedData = cipher.Encrypt(Plaintext, "secret:ns/a");

        Assert.Equal(Plaintext, new SecretCipher(key).Decrypt(sealedData, "secret:ns/a"));
    }
}
