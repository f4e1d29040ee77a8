using System.Text.Json;

namespace CertMesh.DnsWebhook.Config;

/// <summary>Typed reads of solver fields that add an error naming the field instead of throwing on the first one.</summary>
internal static class JsonFields
{
    /// <returns>the trimmed string, or null when absent, null or empty; a non-string adds an error.</returns>
    public static string? OptionalString(JsonElement parent, string name, string field, List<string> errors)
    {
        if (parent.ValueKind != JsonValueKind.Object || !parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            return null;
        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add($"{field}: must be a string, got {value.ValueKind.ToString().ToLowerInvariant()}");
            return null;
        }
        return value.GetString()!.Trim() is { Length: > 0 } text ? text : null;
    }

    public static string RequiredString(JsonElement parent, string name, string field, List<string> errors, string? why = null)
    {
        var count = errors.Count;
        var value = OptionalString(parent, name, field, errors);
        if (value is null && errors.Count == count)
            errors.Add($"{field}: required{(why is null ? "" : "; " + why)}");
        return value ?? "";
    }
}
