using System.Text.Json;

namespace CertMesh.Cli.Resources;

/// <summary>Null-tolerant reads from kubectl-style JSON (a missing field is null, never an exception).</summary>
internal static class Json
{
    public static JsonElement? At(this JsonElement element, params string[] path)
    {
        var current = element;
        foreach (var key in path)
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(key, out current)) return null;
        }
        return current.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined ? null : current;
    }

    /// <summary>The field as text: strings as they are, numbers and booleans as written.</summary>
    public static string? Text(this JsonElement element, params string[] path) => element.At(path) switch
    {
        { ValueKind: JsonValueKind.String } e => e.GetString(),
        { ValueKind: JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False } e => e.GetRawText(),
        _ => null,
    };

    public static IEnumerable<JsonElement> Items(this JsonElement element, params string[] path) =>
        element.At(path) is { ValueKind: JsonValueKind.Array } array ? array.EnumerateArray() : [];

    /// <summary>The status condition of this type (<c>status.conditions[type=Ready]</c>), if any.</summary>
    public static JsonElement? Condition(this JsonElement resource, string type) =>
        resource.Items("status", "conditions").Cast<JsonElement?>().FirstOrDefault(c => c!.Value.Text("type") == type);
}
