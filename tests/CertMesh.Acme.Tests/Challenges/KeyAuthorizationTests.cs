using System.Security.Cryptography;
using System.Text;
using CertMesh.Acme.Challenges;
using CertMesh.Acme.Jws;

namespace CertMesh.Acme.Tests.Challenges;

public sealed class KeyAuthorizationTests
{
    private const string Token = "evaGxfADs6pSRb2LAv9IZf17Dt3juxGJ-PCt92wr-oA";

    [Fact]
    public void For_Token_IsTokenDotThumbprint()
    {
        using AccountKey key = AccountKey.Create();

        Assert.Equal(Token + "." + key.Thumbprint, KeyAuthorization.For(Token, key));
    }

    [Fact]
    public void Dns01TxtValue_Token_IsBase64UrlSha256OfKeyAuthorization()
    {
        using AccountKey key = AccountKey.Create();
        string expected = Base64Url.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(Token + "." + key.Thumbprint)));

        string value = KeyAuthorization.Dns01TxtValue(Token, key);

        Assert.Equal(expected, value);
        Assert.Equal(43, value.Length);
    }

    [Theory]
    [InlineData("example.org", "_acme-challenge.example.org")]
    [InlineData("*.example.org", "_acme-challenge.example.org")]
    [InlineData("example.org.", "_acme-challenge.example.org")]
    public void Dns01RecordName_Domain_DropsWildcardLabel(string domain, string expected) =>
        Assert.Equal(expected, KeyAuthorization.Dns01RecordName(domain));

    [Fact]
    public void Http01Path_Token_IsWellKnownPath() =>
        Assert.Equal("/.well-known/acme-challenge/" + Token, KeyAuthorization.Http01Path(Token));
}
