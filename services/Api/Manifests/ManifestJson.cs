using System.Text.Json;

namespace CertMesh.Api.Manifests;

/// <summary>cert-manager's JSON naming (camelCase) for the records in Contracts and Domain.</summary>
internal static class ManifestJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
