using System.Security.Cryptography;
using System.Text;

namespace CertMesh.Testing;

/// <summary>A bearer token and its SHA-256, made as a user would (any random string and <c>sha256sum</c>): suites that
/// know only the public contracts set principals up with these, not with CertMesh's own code.</summary>
public static class TestTokens
{
    public static string New() => "cm_" + Convert.ToHexString(RandomNumberGenerator.GetBytes(32)).ToLowerInvariant();

    public static string Sha256(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
