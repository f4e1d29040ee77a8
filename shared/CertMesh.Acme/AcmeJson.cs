using System.Text.Json;
using System.Text.Json.Serialization;

namespace CertMesh.Acme;

/// <summary>One set of JSON options for every ACME body: camelCase, omit unset optional fields (RFC 8555 treats absent and null differently).</summary>
internal static class AcmeJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new Rfc3339Converter() },
    };
}
