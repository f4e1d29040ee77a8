using System.Text;
using System.Text.Json;
using CertMesh.Domain.Resources;

namespace CertMesh.ChallengeSolver.Solving;

/// <summary>
/// The issuer's <c>spec.acme.caBundle</c> as PEM, or null: cert-manager stores it base64-encoded (a []byte field),
/// YAML written by hand often has the PEM itself; both are accepted.
/// </summary>
internal static class IssuerCaBundle
{
    public static string? Of(Issuer? issuer)
    {
        if (issuer?.Spec.Acme is not { ValueKind: JsonValueKind.Object } acme
            || !acme.TryGetProperty("caBundle", out var bundle) || bundle.ValueKind != JsonValueKind.String
            || bundle.GetString() is not { Length: > 0 } text)
            return null;
        if (text.Contains("-----BEGIN", StringComparison.Ordinal))
            return text;
        var bytes = new byte[text.Length];
        return Convert.TryFromBase64String(text, bytes, out var length) ? Encoding.UTF8.GetString(bytes, 0, length) : text;
    }
}
