using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace CertMesh.Cli.Output;

/// <summary>
/// JSON written as block YAML, as kubectl's <c>-o yaml</c> prints it, for answers the Api sends only as JSON (the audit
/// log, whoami). Keys in the order given; a string stays plain only when no YAML reader could take it for anything else,
/// otherwise it is double-quoted with JSON's escapes, which YAML's double-quoted style reads the same.
/// </summary>
internal static class YamlText
{
    private static readonly JsonSerializerOptions Quoting = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "true", "false", "yes", "no", "on", "off", "y", "n", "null", "~",
    };

    public static string From(JsonElement element)
    {
        var text = new StringBuilder();
        Write(text, element, 0);
        return text.ToString();
    }

    private static void Write(StringBuilder text, JsonElement element, int indent)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object when element.EnumerateObject().Any():
                foreach (var property in element.EnumerateObject())
                {
                    text.Append(' ', indent).Append(Scalar(property.Name)).Append(':');
                    WriteValue(text, property.Value, indent, inList: false);
                }
                break;
            case JsonValueKind.Array when element.GetArrayLength() > 0:
                foreach (var item in element.EnumerateArray())
                {
                    text.Append(' ', indent).Append('-');
                    WriteValue(text, item, indent, inList: true);
                }
                break;
            default:
                text.Append(Inline(element)).Append('\n');
                break;
        }
    }

    /// <summary>After <c>key:</c> or <c>-</c>: a scalar on the same line, a nested block below (a list item's object
    /// starts on the dash's line, as kubectl prints it).</summary>
    private static void WriteValue(StringBuilder text, JsonElement value, int indent, bool inList)
    {
        var nested = value.ValueKind switch
        {
            JsonValueKind.Object => value.EnumerateObject().Any(),
            JsonValueKind.Array => value.GetArrayLength() > 0,
            _ => false,
        };
        if (!nested)
        {
            text.Append(' ').Append(Inline(value)).Append('\n');
            return;
        }
        if (inList && value.ValueKind == JsonValueKind.Object)
        {
            var block = new StringBuilder();
            Write(block, value, indent + 2);
            text.Append(' ').Append(block.ToString(indent + 2, block.Length - indent - 2));
            return;
        }
        text.Append('\n');
        // kubectl keeps a list under a key at the key's indent; everything else goes two deeper.
        Write(text, value, value.ValueKind == JsonValueKind.Array ? indent : indent + 2);
    }

    private static string Inline(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => Scalar(value.GetString()!),
        JsonValueKind.Null or JsonValueKind.Undefined => "null",
        JsonValueKind.Object => "{}",
        JsonValueKind.Array => "[]",
        _ => value.GetRawText(),
    };

    internal static string Scalar(string value) => IsPlain(value) ? value : JsonSerializer.Serialize(value, Quoting);

    private static bool IsPlain(string value) =>
        value.Length > 0
        && !Reserved.Contains(value)
        && !LooksNumeric(value)
        && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/' or ' ' or '(' or ')' or ',' or ';')
        && value[0] is not ('-' or ' ' or '.')
        && value[^1] != ' ';

    private static bool LooksNumeric(string value) =>
        double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _)
        || value.StartsWith("0x", StringComparison.OrdinalIgnoreCase) || value.StartsWith("0o", StringComparison.OrdinalIgnoreCase);
}
