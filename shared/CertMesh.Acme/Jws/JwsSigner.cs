using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace CertMesh.Acme.Jws;

/// <summary>
/// Builds the JWS messages RFC 8555 section 6.2 asks for: <c>alg</c>, <c>nonce</c>, <c>url</c> and exactly one of
/// <c>kid</c> (an account URL) or <c>jwk</c> (new accounts, revocation by certificate key, rollover inner JWS).
/// </summary>
public static class JwsSigner
{
    /// <summary>Signs <paramref name="payload"/>; an empty payload is the POST-as-GET form.</summary>
    public static JwsMessage Sign(AccountKey key, Uri url, string? nonce, Uri? accountUrl, ReadOnlySpan<byte> payload)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(url);
        byte[] header = Header(writer =>
        {
            writer.WriteString("alg", key.Algorithm);
            if (accountUrl is null)
            {
                writer.WritePropertyName("jwk");
                key.Jwk.WriteTo(writer);
            }
            else
            {
                writer.WriteString("kid", accountUrl.AbsoluteUri);
            }

            if (nonce is not null)
            {
                writer.WriteString("nonce", nonce);
            }

            writer.WriteString("url", url.AbsoluteUri);
        });
        return Complete(header, payload, key.Sign);
    }

    /// <summary>
    /// The external account binding JWS (RFC 8555 section 7.3.4): HS256 with the CA-issued MAC key over the
    /// account's public JWK, no nonce, <c>kid</c> = the EAB key identifier.
    /// </summary>
    public static JwsMessage SignExternalAccountBinding(ExternalAccountBinding binding, JsonWebKey accountJwk, Uri newAccountUrl)
    {
        ArgumentNullException.ThrowIfNull(binding);
        ArgumentNullException.ThrowIfNull(accountJwk);
        ArgumentNullException.ThrowIfNull(newAccountUrl);
        byte[] header = Header(writer =>
        {
            writer.WriteString("alg", "HS256");
            writer.WriteString("kid", binding.KeyId);
            writer.WriteString("url", newAccountUrl.AbsoluteUri);
        });
        return Complete(header, accountJwk.ToCanonicalJson(), input => HMACSHA256.HashData(binding.MacKeySpan, input));
    }

    /// <summary>The payload of a JSON body as UTF-8 bytes.</summary>
    public static byte[] Payload<T>(T body) => JsonSerializer.SerializeToUtf8Bytes(body, AcmeJson.Options);

    private delegate byte[] SignFunc(ReadOnlySpan<byte> input);

    private static JwsMessage Complete(byte[] header, ReadOnlySpan<byte> payload, SignFunc sign)
    {
        string protectedPart = Base64Url.Encode(header);
        string payloadPart = payload.IsEmpty ? string.Empty : Base64Url.Encode(payload);
        byte[] signature = sign(Encoding.ASCII.GetBytes(protectedPart + "." + payloadPart));
        return new JwsMessage(protectedPart, payloadPart, Base64Url.Encode(signature));
    }

    private static byte[] Header(Action<Utf8JsonWriter> members)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            members(writer);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
