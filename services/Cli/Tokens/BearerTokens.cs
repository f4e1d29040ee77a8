using System.Security.Cryptography;
using System.Text;

namespace CertMesh.Cli.Tokens;

/// <summary>
/// Tokens made on the caller's machine, so the token itself never travels to the server: only its hash goes into the
/// Principal. Mirrors <c>CertMesh.Domain.Authorization.TokenHash</c> (the CLI stays dependency-free; a test holds the
/// two to the same format and hash).
/// </summary>
internal static class BearerTokens
{
    public const string Prefix = "cm_";

    /// <summary><c>cm_</c> and 43 base64url characters: 256 random bits, so guessing one is out of reach.</summary>
    public static string New() =>
        Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>What the Api stores and looks tokens up by: lower-case hex SHA-256 of the token's UTF-8 bytes.</summary>
    public static string Sha256(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
