using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CertMesh.Acme.Jws;

namespace CertMesh.Acme.Tests.Jws;

public sealed class JwsSignerTests
{
    private static readonly Uri Url = new("https://ca.test/acme/new-order");
    private static readonly Uri Kid = new("https://ca.test/acme/acct/42");

    [Theory]
    [InlineData(AccountKeyType.ES256)]
    [InlineData(AccountKeyType.ES384)]
    [InlineData(AccountKeyType.RS256)]
    public void Sign_WithKid_HeaderHasAlgKidNonceUrlAndNoJwk(AccountKeyType type)
    {
        using AccountKey key = AccountKey.Create(type);

        JwsMessage jws = JwsSigner.Sign(key, Url, "nonce-1", Kid, """{"a":1}"""u8);

        using JsonDocument header = Decode(jws.Protected);
        Assert.Equal(type.ToString(), header.RootElement.GetProperty("alg").GetString());
        Assert.Equal(Kid.AbsoluteUri, header.RootElement.GetProperty("kid").GetString());
        Assert.Equal("nonce-1", header.RootElement.GetProperty("nonce").GetString());
        Assert.Equal(Url.AbsoluteUri, header.RootElement.GetProperty("url").GetString());
        Assert.False(header.RootElement.TryGetProperty("jwk", out _));
        Assert.Equal("""{"a":1}""", Encoding.UTF8.GetString(Base64Url.Decode(jws.Payload)));
    }

    [Theory]
    [InlineData(AccountKeyType.ES256)]
    [InlineData(AccountKeyType.ES384)]
    [InlineData(AccountKeyType.RS256)]
    public void Sign_WithoutKid_EmbedsJwkThatVerifiesTheSignature(AccountKeyType type)
    {
        using AccountKey key = AccountKey.Create(type);

        JwsMessage jws = JwsSigner.Sign(key, Url, "n", accountUrl: null, "{}"u8);

        using JsonDocument header = Decode(jws.Protected);
        Assert.False(header.RootElement.TryGetProperty("kid", out _));
        JsonElement jwk = header.RootElement.GetProperty("jwk");
        // Verify with a key rebuilt from the JWK alone: proves both the JWK and the JOSE signature encoding.
        Assert.True(VerifyWithJwk(jwk, type, jws.SigningInput, Base64Url.Decode(jws.Signature)));
        Assert.True(key.Verify(jws.SigningInput, Base64Url.Decode(jws.Signature)));
    }

    [Fact]
    public void Sign_PostAsGet_HasEmptyPayload()
    {
        using AccountKey key = AccountKey.Create();

        JwsMessage jws = JwsSigner.Sign(key, Url, "n", Kid, ReadOnlySpan<byte>.Empty);

        Assert.Equal(string.Empty, jws.Payload);
        Assert.True(key.Verify(Encoding.ASCII.GetBytes(jws.Protected + "."), Base64Url.Decode(jws.Signature)));
    }

    [Fact]
    public void Sign_Es256_SignatureIsRawRAndS()
    {
        using AccountKey key = AccountKey.Create(AccountKeyType.ES256);

        JwsMessage jws = JwsSigner.Sign(key, Url, "n", Kid, "{}"u8);

        // JOSE wants the 64-byte r||s form, not DER.
        Assert.Equal(64, Base64Url.Decode(jws.Signature).Length);
    }

    [Fact]
    public void Sign_TamperedPayload_DoesNotVerify()
    {
        using AccountKey key = AccountKey.Create();
        JwsMessage jws = JwsSigner.Sign(key, Url, "n", Kid, "{}"u8);

        JwsMessage tampered = jws with { Payload = Base64Url.Encode("""{"x":1}"""u8) };

        Assert.False(key.Verify(tampered.SigningInput, Base64Url.Decode(tampered.Signature)));
    }

    [Fact]
    public void SignExternalAccountBinding_Hs256_HasRfc8555Shape()
    {
        using AccountKey key = AccountKey.Create();
        byte[] macKey = RandomNumberGenerator.GetBytes(32);
        var binding = new ExternalAccountBinding("kid-1", macKey);
        var newAccount = new Uri("https://ca.test/acme/new-account");

        JwsMessage eab = JwsSigner.SignExternalAccountBinding(binding, key.Jwk, newAccount);

        using JsonDocument header = Decode(eab.Protected);
        Assert.Equal("HS256", header.RootElement.GetProperty("alg").GetString());
        Assert.Equal("kid-1", header.RootElement.GetProperty("kid").GetString());
        Assert.Equal(newAccount.AbsoluteUri, header.RootElement.GetProperty("url").GetString());
        Assert.False(header.RootElement.TryGetProperty("nonce", out _));
        Assert.Equal(key.Jwk.ToCanonicalJson(), Base64Url.Decode(eab.Payload));
        Assert.Equal(HMACSHA256.HashData(macKey, eab.SigningInput), Base64Url.Decode(eab.Signature));
    }

    [Fact]
    public void ToString_ExternalAccountBinding_RedactsMacKey()
    {
        const string mac = "zWNDZM6eQGHWpSRTPal5eIUYFTu7EajVIoguysqZ9wG44nMEtx3MUAsUDkMTQ12W";
        var binding = ExternalAccountBinding.FromBase64Url("kid-1", mac);

        Assert.DoesNotContain(mac, binding.ToString(), StringComparison.Ordinal);
        Assert.Contains("kid-1", binding.ToString(), StringComparison.Ordinal);
    }

    private static JsonDocument Decode(string part) => JsonDocument.Parse(Base64Url.Decode(part));

    private static bool VerifyWithJwk(JsonElement jwk, AccountKeyType type, byte[] input, byte[] signature)
    {
        if (type == AccountKeyType.RS256)
        {
            using RSA rsa = RSA.Create();
            rsa.ImportParameters(new RSAParameters
            {
                Modulus = Base64Url.Decode(jwk.GetProperty("n").GetString()!),
                Exponent = Base64Url.Decode(jwk.GetProperty("e").GetString()!),
            });
            return rsa.VerifyData(input, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }

        using ECDsa ec = ECDsa.Create(new ECParameters
        {
            Curve = type == AccountKeyType.ES256 ? ECCurve.NamedCurves.nistP256 : ECCurve.NamedCurves.nistP384,
            Q = new ECPoint { X = Base64Url.Decode(jwk.GetProperty("x").GetString()!), Y = Base64Url.Decode(jwk.GetProperty("y").GetString()!) },
        });
        return ec.VerifyData(input, signature, type == AccountKeyType.ES256 ? HashAlgorithmName.SHA256 : HashAlgorithmName.SHA384);
    }
}
