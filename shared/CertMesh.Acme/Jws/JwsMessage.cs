using System.Text;
using System.Text.Json.Serialization;

namespace CertMesh.Acme.Jws;

/// <summary>A flattened JSON JWS (RFC 7515 section 7.2.2), the body of every ACME POST.</summary>
public sealed record JwsMessage(
    [property: JsonPropertyName("protected")] string Protected,
    [property: JsonPropertyName("payload")] string Payload,
    [property: JsonPropertyName("signature")] string Signature)
{
    /// <summary>The ASCII bytes the signature covers: <c>protected.payload</c>.</summary>
    [JsonIgnore]
    public byte[] SigningInput => Encoding.ASCII.GetBytes(Protected + "." + Payload);
}
