using System.Security.Cryptography;
using System.Text;

namespace CertMesh.Edge.Certificates;

/// <summary>
/// The Certificate name for a route id: <c>route-&lt;id&gt;</c> when the id is already a lowercase DNS label
/// (letters, digits, '-'), else a cleaned-up prefix plus 8 hex digits of the id's SHA-256. The name depends on the id
/// alone, never on the other routes, so adding or removing a route never renames another route's Certificate; two ids
/// that clean up alike ("App", "app") still get different names. Names stay short enough for their Secret
/// (<c>&lt;name&gt;-tls</c>) and requests (<c>&lt;name&gt;-&lt;revision&gt;</c>) to be DNS labels too.
/// </summary>
internal static class CertificateNames
{
    public const string NamePrefix = "route-";
    public const int MaxNameLength = 52;
    const int HashLength = 8;
    const int MaxSlugLength = MaxNameLength - 6; // "route-"

    /// <summary>The part after <c>route-</c>; also the owner label's value (a valid label value by construction).</summary>
    public static string Slug(string routeId)
    {
        var cleaned = Clean(routeId);
        if (cleaned == routeId && cleaned.Length is > 0 and <= MaxSlugLength)
            return cleaned;
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(routeId)))[..HashLength];
        var kept = cleaned[..Math.Min(cleaned.Length, MaxSlugLength - HashLength - 1)].TrimEnd('-');
        return kept.Length == 0 ? hash : $"{kept}-{hash}";
    }

    public static string For(string routeId) => NamePrefix + Slug(routeId);

    public static string SecretFor(string certificateName) => certificateName + "-tls";

    /// <summary>Lowercase, every run of characters outside [a-z0-9] made one '-', no '-' at either end.</summary>
    static string Clean(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value.ToLowerInvariant())
        {
            if (char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c))
                builder.Append(c);
            else if (builder.Length > 0 && builder[^1] != '-')
                builder.Append('-');
        }
        return builder.ToString().TrimEnd('-');
    }
}
