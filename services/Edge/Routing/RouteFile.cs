using System.Text.Json;
using System.Text.Json.Serialization;
using Yarp.ReverseProxy.Configuration;

namespace CertMesh.Edge.Routing;

/// <summary>
/// The route file: YARP's own configuration shape, so YARP's documentation applies as written.
/// <code>
/// { "Routes":   { "app": { "ClusterId": "app", "Match": { "Path": "/app/{**rest}" } } },
///   "Clusters": { "app": { "Destinations": { "one": { "Address": "http://127.0.0.1:8081/" } } } } }
/// </code>
/// Route and cluster ids are the dictionary keys.
/// </summary>
internal sealed class RouteFile
{
    static readonly JsonSerializerOptions Options = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        Converters = { new JsonStringEnumConverter() },
    };

    public Dictionary<string, RouteConfig> Routes { get; init; } = [];
    public Dictionary<string, ClusterConfig> Clusters { get; init; } = [];

    /// <returns>the routes and clusters with their ids filled in; throws <see cref="JsonException"/> on malformed JSON.</returns>
    public static (IReadOnlyList<RouteConfig> Routes, IReadOnlyList<ClusterConfig> Clusters) Parse(string json)
    {
        var file = string.IsNullOrWhiteSpace(json) ? new RouteFile() : JsonSerializer.Deserialize<RouteFile>(json, Options) ?? new RouteFile();
        return (
            file.Routes.Select(r => (r.Value ?? throw new JsonException($"route '{r.Key}' is null")) with { RouteId = r.Key }).ToArray(),
            file.Clusters.Select(c => (c.Value ?? throw new JsonException($"cluster '{c.Key}' is null")) with { ClusterId = c.Key }).ToArray());
    }
}
