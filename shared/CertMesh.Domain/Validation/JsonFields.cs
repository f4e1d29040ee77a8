using System.Text.Json;

namespace CertMesh.Domain.Validation;

/// <summary>Reading the issuer types that are still kept as raw JSON (acme, vault) without throwing.</summary>
internal static class JsonFields
{
    public static JsonElement? Property(JsonElement? element, string name) =>
        element is { ValueKind: JsonValueKind.Object } e && e.TryGetProperty(name, out var value) &&
        value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined)
            ? value
            : null;

    public static string? String(JsonElement? element, string name) =>
        Property(element, name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    public static bool IsHttpUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" && SanSyntax.IsAbsoluteUri(value);
}
