using System.Text;
using CertMesh.Acme.Jws;

namespace CertMesh.Acme.Tests.Jws;

public sealed class Base64UrlTests
{
    // RFC 4648 section 10 vectors, unpadded, plus bytes that differ between base64 and base64url.
    [Theory]
    [InlineData("", "")]
    [InlineData("f", "Zg")]
    [InlineData("fo", "Zm8")]
    [InlineData("foo", "Zm9v")]
    [InlineData("foob", "Zm9vYg")]
    [InlineData("fooba", "Zm9vYmE")]
    [InlineData("foobar", "Zm9vYmFy")]
    public void Encode_Rfc4648Vectors_AreUnpadded(string text, string expected) =>
        Assert.Equal(expected, Base64Url.Encode(Encoding.ASCII.GetBytes(text)));

    [Fact]
    public void Encode_UrlUnsafeBytes_UsesDashAndUnderscore() =>
        Assert.Equal("-_8", Base64Url.Encode(new byte[] { 0xfb, 0xff }));

    [Theory]
    [InlineData("-_8")]
    [InlineData("-_8=")]
    public void Decode_PaddedOrNot_ReturnsBytes(string text) =>
        Assert.Equal(new byte[] { 0xfb, 0xff }, Base64Url.Decode(text));

    [Fact]
    public void Decode_InvalidCharacters_Throws() =>
        Assert.ThrowsAny<FormatException>(() => Base64Url.Decode("a+b/"));
}
