using System.Security.Cryptography;
using System.Text;
using CertMesh.Acme.Jws;

namespace CertMesh.Acme.Tests.Jws;

public sealed class JwkThumbprintTests
{
    // RFC 7638 section 3.1.
    private const string N =
        "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw";

    private const string Expected = "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs";

    [Fact]
    public void Compute_Rfc7638Example_MatchesPublishedThumbprint()
    {
        var jwk = new JsonWebKey(new Dictionary<string, string> { ["kty"] = "RSA", ["n"] = N, ["e"] = "AQAB" });

        Assert.Equal(Expected, JwkThumbprint.Compute(jwk));
    }

    [Fact]
    public void From_RsaKeyOfRfc7638Example_ProducesSameThumbprint()
    {
        using RSA rsa = RSA.Create();
        rsa.ImportParameters(new RSAParameters { Modulus = Base64Url.Decode(N), Exponent = Base64Url.Decode("AQAB") });

        Assert.Equal(Expected, JwkThumbprint.Compute(JsonWebKey.From(rsa)));
    }

    [Fact]
    public void ToCanonicalJson_Rfc7638Example_IsSortedWithoutWhitespace()
    {
        var jwk = new JsonWebKey(new Dictionary<string, string> { ["n"] = N, ["kty"] = "RSA", ["e"] = "AQAB" });

        Assert.Equal($$"""{"e":"AQAB","kty":"RSA","n":"{{N}}"}""", Encoding.UTF8.GetString(jwk.ToCanonicalJson()));
    }

    [Theory]
    [InlineData(AccountKeyType.ES256, "P-256", 32)]
    [InlineData(AccountKeyType.ES384, "P-384", 48)]
    public void Jwk_EcKeys_HaveCurveAndFixedSizeCoordinates(AccountKeyType type, string curve, int coordinateBytes)
    {
        using AccountKey key = AccountKey.Create(type);

        Assert.Equal(["crv", "kty", "x", "y"], key.Jwk.Members.Keys);
        Assert.Equal(curve, key.Jwk.Members["crv"]);
        Assert.Equal(coordinateBytes, Base64Url.Decode(key.Jwk.Members["x"]).Length);
        Assert.Equal(coordinateBytes, Base64Url.Decode(key.Jwk.Members["y"]).Length);
    }

    [Fact]
    public void FromPem_ExportedKey_KeepsThumbprint()
    {
        using AccountKey key = AccountKey.Create();
        using AccountKey again = AccountKey.FromPem(key.ExportPkcs8Pem());

        Assert.Equal(key.Thumbprint, again.Thumbprint);
        Assert.Equal(AccountKeyType.ES256, again.Type);
    }

    [Fact]
    public void ToString_AccountKey_DoesNotRevealPrivateKey()
    {
        using AccountKey key = AccountKey.Create();
        string pem = key.ExportPkcs8Pem();

        Assert.DoesNotContain("PRIVATE", key.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(pem.Split('\n')[1], key.ToString(), StringComparison.Ordinal);
    }
}
