using System.Security.Cryptography;
using System.Text;
using CertMesh.Acme.Jws;

namespace CertMesh.Acme.Tests.Jws;

/// <summary>
/// RFC 7515 appendix A.3 (ES256): ECDSA signatures are randomized, so the known answer is checked the other way
/// round — the RFC's key, loaded through <see cref="AccountKey"/>, must produce the RFC's JWK and verify the RFC's
/// signature (raw r||s over <c>protected.payload</c>).
/// </summary>
public sealed class Rfc7515ExampleTests
{
    private const string X = "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU";
    private const string Y = "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0";
    private const string D = "jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI";
    private const string Protected = "eyJhbGciOiJFUzI1NiJ9";
    private const string Payload = "eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ";
    private const string Signature = "DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSApmWQxfKTUJqPP3-Kg6NU1Q";

    [Fact]
    public void Jwk_Rfc7515A3Key_HasTheRfcCoordinates()
    {
        using AccountKey key = RfcKey();

        Assert.Equal(AccountKeyType.ES256, key.Type);
        Assert.Equal(X, key.Jwk.Members["x"]);
        Assert.Equal(Y, key.Jwk.Members["y"]);
        Assert.Equal("P-256", key.Jwk.Members["crv"]);
    }

    [Fact]
    public void Verify_Rfc7515A3Signature_IsValid()
    {
        using AccountKey key = RfcKey();

        Assert.True(key.Verify(Encoding.ASCII.GetBytes(Protected + "." + Payload), Base64Url.Decode(Signature)));
    }

    [Fact]
    public void Sign_Rfc7515A3Key_ProducesSignatureTheRfcKeyVerifies()
    {
        using AccountKey key = RfcKey();

        JwsMessage jws = JwsSigner.Sign(key, new Uri("https://ca.test/x"), "n", null, Base64Url.Decode(Payload));

        Assert.True(key.Verify(jws.SigningInput, Base64Url.Decode(jws.Signature)));
        Assert.Equal(Payload, jws.Payload);
    }

    private static AccountKey RfcKey() => AccountKey.FromKey(ECDsa.Create(new ECParameters
    {
        Curve = ECCurve.NamedCurves.nistP256,
        Q = new ECPoint { X = Base64Url.Decode(X), Y = Base64Url.Decode(Y) },
        D = Base64Url.Decode(D),
    }));
}
