using System.Security.Cryptography;
using System.Text;

namespace CertMesh.Domain.Authorization;

/// <summary>How a bearer token is stored and looked up: lower-case hex SHA-256 of its UTF-8 bytes. Looking a token up by
/// its hash means no comparison ever runs over the token itself, so the time taken does not depend on how much of it
/// was right.</summary>
public static class TokenHash
{
    /// <summary>Tokens CertMesh makes: "cm_" and 43 base64url characters (256 random bits).</summary>
    public const string Prefix = "cm_";

    /// <summary>Longer than any token we make or accept; a longer header is refused before hashing.</summary>
    public const int MaxTokenLength = 512;

    public static string Of(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public static string NewToken() => Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    public static bool IsHash(string value) => value.Length == 64 && value.All(char.IsAsciiHexDigitLower);

    /// <summary>Constant-time equality of two hex hashes (the lookup found a candidate; this confirms it).</summary>
    public static bool Same(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(a), Encoding.ASCII.GetBytes(b));

    static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
