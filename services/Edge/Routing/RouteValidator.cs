using CertMesh.Edge.Certificates;
using Yarp.ReverseProxy.Configuration;

namespace CertMesh.Edge.Routing;

/// <summary>
/// Checks a route file before it replaces the running one and collects every error: YARP's own validation of
/// each route and cluster, routes pointing at clusters that do not exist, and the Certificates routes ask for
/// with <c>certmesh.io/…</c> Metadata (<see cref="RouteCertificateValidator"/>).
/// </summary>
internal sealed class RouteValidator(IConfigValidator yarp, RouteCertificateValidator certificates)
{
    public async Task<IReadOnlyList<string>> ValidateAsync(IReadOnlyList<RouteConfig> routes, IReadOnlyList<ClusterConfig> clusters)
    {
        var errors = new List<string>();
        var clusterIds = clusters.Select(c => c.ClusterId).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var route in routes)
        {
            errors.AddRange((await yarp.ValidateRouteAsync(route)).Select(e => $"route '{route.RouteId}': {e.Message}"));
            if (route.ClusterId is { } clusterId && !clusterIds.Contains(clusterId))
                errors.Add($"route '{route.RouteId}': cluster '{clusterId}' is not defined");
        }
        foreach (var cluster in clusters)
        {
            errors.AddRange((await yarp.ValidateClusterAsync(cluster)).Select(e => $"cluster '{cluster.ClusterId}': {e.Message}"));
        }
        errors.AddRange(await certificates.ValidateAsync(
            routes.Select(r => new RouteInput(r.RouteId, r.Match?.Hosts, r.Metadata)).ToList(), CancellationToken.None));
        return errors;
    }
}
