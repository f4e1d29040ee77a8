using System.Security.Cryptography;

namespace CertMesh.Dns.Tsig;

/// <summary>The HMAC algorithms of RFC 8945 §6; hmac-md5 is left out on purpose (deprecated).</summary>
public enum TsigAlgorithm
{
    HmacSha1,
    HmacSha256,
    HmacSha512,
}

internal static class TsigAlgorithms
{
    /// <summary>The algorithm's domain name as it goes in the TSIG RDATA.</summary>
    public static string WireName(this TsigAlgorithm algorithm) => algorithm switch
    {
        TsigAlgorithm.HmacSha1 => "hmac-sha1",
        TsigAlgorithm.HmacSha256 => "hmac-sha256",
        TsigAlgorithm.HmacSha512 => "hmac-sha512",
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, null),
    };

    /// <summary>Accepts the names BIND, nsupdate and cert-manager's rfc2136 provider use ("hmac-sha256", "HMACSHA256").</summary>
    public static TsigAlgorithm Parse(string name) =>
        name.Trim().TrimEnd('.').Replace("-", "", StringComparison.Ordinal).ToLowerInvariant() switch
        {
            "hmacsha1" => TsigAlgorithm.HmacSha1,
            "hmacsha256" => TsigAlgorithm.HmacSha256,
            "hmacsha512" => TsigAlgorithm.HmacSha512,
            _ => throw new ArgumentException($"TSIG algorithm '{name}' is not supported; use hmac-sha256, hmac-sha512 or hmac-sha1", nameof(name)),
        };

    public static byte[] Compute(this TsigAlgorithm algorithm, ReadOnlySpan<byte> secret, ReadOnlySpan<byte> data) => algorithm switch
    {
        TsigAlgorithm.HmacSha1 => HMACSHA1.HashData(secret, data),
        TsigAlgorithm.HmacSha256 => HMACSHA256.HashData(secret, data),
        TsigAlgorithm.HmacSha512 => HMACSHA512.HashData(secret, data),
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, null),
    };
}
