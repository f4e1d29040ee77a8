using System.Text.Json;
using System.Text.Json.Serialization;

namespace CertMesh.Persistence.Database;

/// <summary>One serializer setting for every stored document, so the Api prints exactly what is stored.</summary>
public static class Json
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };
}
