using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CertMesh.WebhookSolver.Payload;

/// <summary>camelCase like Kubernetes, case-insensitive on input like Go's encoding/json, and omitempty for nulls.</summary>
internal static class PayloadJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // Messages quote names ('x'); this is an API answer, never HTML, so there is nothing to escape them for.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
