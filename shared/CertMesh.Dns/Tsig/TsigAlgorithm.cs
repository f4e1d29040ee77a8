using System.Security.Cryptography;

namespace CertMesh.Dns.Tsig;

/// <summary>
/// The HMAC algorithms of RFC 8945 §6. hmac-md5 is deprecated there but is still cert-manager's default
/// <c>tsigAlgorithm</c> (an rfc2136 issuer without one signs with HMACMD5), so a copied issuer must keep working.
/// </summary>
public enum TsigAlgorithm
{
    HmacSha1,
    HmacSha256,
    HmacSha512,
    // Appended rather than listed first so the other members keep their numeric values.
    HmacMd5,
}

internal static class TsigAlgorithms
{
    // RFC 8945 §6: only MD5 has a long wire name, a leftover of RFC 2845.
    const string Md5WireName = "hmac-md5.sig-alg.reg.int";

    /// <summary>The algorithm's domain name as it goes in the TSIG RDATA.</summary>
    public static string WireName(this TsigAlgorithm algorithm) => algorithm switch
    {
        TsigAlgorithm.HmacMd5 => Md5WireName,
        TsigAlgorithm.HmacSha1 => "hmac-sha1",
        TsigAlgorithm.HmacSha256 => "hmac-sha256",
        TsigAlgorithm.HmacSha512 => "hmac-sha512",
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, null),
    };

    /// <summary>
    /// Accepts the names BIND, nsupdate and cert-manager's rfc2136 provider use ("hmac-sha256", "HMACSHA256",
    /// "hmac-md5", "HMACMD5", "hmac-md5.sig-alg.reg.int"), in any case.
    /// </summary>
    public static TsigAlgorithm Parse(string name)
    {
        var normalized = name.Trim().TrimEnd('.').ToLowerInvariant();
        if (normalized == Md5WireName)
            return TsigAlgorithm.HmacMd5;
        return normalized.Replace("-", "", StringComparison.Ordinal) switch
        {
            "hmacmd5" => TsigAlgorithm.HmacMd5,
            "hmacsha1" => TsigAlgorithm.HmacSha1,
            "hmacsha256" => TsigAlgorithm.HmacSha256,
            "hmacsha512" => TsigAlgorithm.HmacSha512,
            _ => throw new ArgumentException($"TSIG algorithm '{name}' is not supported; use hmac-sha256, hmac-sha512, hmac-sha1 or hmac-md5", nameof(name)),
        };
    }

    public static byte[] Compute(this TsigAlgorithm algorithm, ReadOnlySpan<byte> secret, ReadOnlySpan<byte> data) => algorithm switch
    {
        TsigAlgorithm.HmacMd5 => HMACMD5.HashData(secret, data),
        TsigAlgorithm.HmacSha1 => HMACSHA1.HashData(secret, data),
        TsigAlgorithm.HmacSha256 => HMACSHA256.HashData(secret, data),
        TsigAlgorithm.HmacSha512 => HMACSHA512.HashData(secret, data),
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, null),
    };
}
