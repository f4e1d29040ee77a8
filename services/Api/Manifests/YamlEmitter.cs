using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CertMesh.Api.Manifests;

/// <summary>
/// Writes a JSON document as block YAML the way kubectl lays it out (two-space indent, list dashes level
/// with their key). Strings that would read back as something else are double-quoted with JSON escapes,
/// which YAML reads the same way.
/// </summary>
internal static class YamlEmitter
{
    private const int Indent = 2;

    public static string Emit(JsonNode? node)
    {
        var text = new StringBuilder();
        Block(text, node, 0);
        return text.ToString();
    }

    private static void Block(StringBuilder text, JsonNode? node, int indent)
    {
        switch (node)
        {
            case JsonObject { Count: > 0 } mapping:
                foreach (var (key, value) in mapping)
                {
                    text.Append(' ', indent).Append(Scalar(key)).Append(':');
                    if (IsBlock(value))
                    {
                        text.Append('\n');
                        Block(text, value, value is JsonArray ? indent : indent + Indent);
                    }
                    else
                    {
                        text.Append(' ').Append(Inline(value)).Append('\n');
                    }
                }
                break;
            case JsonArray { Count: > 0 } sequence:
                foreach (var item in sequence)
                {
                    text.Append(' ', indent).Append("- ");
                    if (IsBlock(item))
                    {
                        // The item's first line continues after the dash; its other lines sit under it.
                        var nested = new StringBuilder();
                        Block(nested, item, indent + Indent);
                        text.Append(nested.ToString(indent + Indent, nested.Length - indent - Indent));
                    }
                    else
                    {
                        text.Append(Inline(item)).Append('\n');
                    }
                }
                break;
            default:
                text.Append(Inline(node)).Append('\n');
                break;
        }
    }

    private static bool IsBlock(JsonNode? node) => node is JsonObject { Count: > 0 } or JsonArray { Count: > 0 };

    private static string Inline(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "{}",
        JsonArray => "[]",
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.String => Scalar(value.GetValue<string>()),
            _ => value.ToJsonString(),
        },
        _ => throw new InvalidOperationException($"unexpected JSON node {node.GetType()}"),
    };

    private static string Scalar(string text) =>
        YamlScalars.NeedsQuotes(text) ? JsonSerializer.Serialize(text, PrintJson.Options) : text;
}
