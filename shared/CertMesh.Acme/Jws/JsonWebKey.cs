using System.Security.Cryptography;
using System.Text.Json;

namespace CertMesh.Acme.Jws;

/// <summary>
/// A public JWK holding only the members RFC 7638 requires (EC: crv, kty, x, y; RSA: e, kty, n), kept sorted so the
/// same bytes serve as the JWS <c>jwk</c> header and as the thumbprint input.
/// </summary>
public sealed class JsonWebKey
{
    private readonly SortedDictionary<string, string> _members;

    public JsonWebKey(IReadOnlyDictionary<string, string> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        _members = new SortedDictionary<string, string>(members.ToDictionary(), StringComparer.Ordinal);
    }

    public IReadOnlyDictionary<string, string> Members => _members;

    public static JsonWebKey From(AsymmetricAlgorithm key) => key switch
    {
        ECDsa ec => FromEc(ec.ExportParameters(includePrivateParameters: false)),
        RSA rsa => FromRsa(rsa.ExportParameters(includePrivateParameters: false)),
        _ => throw new ArgumentException("Only ECDSA and RSA keys have a JWK here.", nameof(key)),
    };

    /// <summary>Lexicographically ordered members, no whitespace: the RFC 7638 section 3 canonical form.</summary>
    public byte[] ToCanonicalJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteTo(writer);
        }

        return buffer.ToArray();
    }

    internal void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        foreach ((string name, string value) in _members)
        {
            writer.WriteString(name, value);
        }

        writer.WriteEndObject();
    }

    private static JsonWebKey FromEc(ECParameters p)
    {
        string crv = p.Curve.Oid.FriendlyName switch
        {
            "nistP256" or "ECDSA_P256" => "P-256",
            "nistP384" or "ECDSA_P384" => "P-384",
            "nistP521" or "ECDSA_P521" => "P-521",
            _ => p.Q.X!.Length switch { 32 => "P-256", 48 => "P-384", _ => "P-521" },
        };
        return new JsonWebKey(new Dictionary<string, string>
        {
            ["crv"] = crv,
            ["kty"] = "EC",
            ["x"] = Base64Url.Encode(p.Q.X),
            ["y"] = Base64Url.Encode(p.Q.Y),
        });
    }

    private static JsonWebKey FromRsa(RSAParameters p) => new(new Dictionary<string, string>
    {
        ["e"] = Base64Url.Encode(p.Exponent),
        ["kty"] = "RSA",
        ["n"] = Base64Url.Encode(p.Modulus),
    });
}
