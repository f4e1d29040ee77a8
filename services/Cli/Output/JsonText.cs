using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CertMesh.Cli.Output;

/// <summary>JSON printed as kubectl prints it: indented by four spaces, characters left unescaped.</summary>
internal static class JsonText
{
    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        IndentSize = 4,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Indent(string json) => JsonNode.Parse(json)?.ToJsonString(Indented) ?? "null";

    public static string Indent(JsonElement element) => Indent(element.GetRawText());
}
