using Microsoft.Extensions.Primitives;
using Yarp.ReverseProxy.Configuration;

namespace CertMesh.Edge.Routing;

/// <summary>One accepted version of the route file; its change token fires when a newer one replaces it.</summary>
internal sealed class FileProxyConfig : IProxyConfig
{
    readonly CancellationTokenSource _replaced = new();

    public FileProxyConfig(IReadOnlyList<RouteConfig> routes, IReadOnlyList<ClusterConfig> clusters, bool fromFile = false)
    {
        Routes = routes;
        Clusters = clusters;
        FromFile = fromFile;
        ChangeToken = new CancellationChangeToken(_replaced.Token);
    }

    public IReadOnlyList<RouteConfig> Routes { get; }
    public IReadOnlyList<ClusterConfig> Clusters { get; }
    public IChangeToken ChangeToken { get; }

    /// <summary>False for the empty configuration the Edge starts with before any route file was accepted.</summary>
    public bool FromFile { get; }

    public void SignalReplaced() => _replaced.Cancel();
}
