using Yarp.ReverseProxy.Configuration;

namespace CertMesh.Edge.Tls;

/// <summary>
/// Whether a route in the current proxy configuration names a host (<c>Match.Hosts</c>, exact or <c>*.</c> wildcard,
/// any port). Only consulted when a handshake finds no certificate, to tell "routed but not issued yet" from a
/// stranger; the host set is computed once per configuration version.
/// </summary>
internal sealed class RoutedHosts(IProxyConfigProvider provider)
{
    sealed record Snapshot(IProxyConfig Config, HashSet<string> Exact, HashSet<string> WildcardSuffixes);

    Snapshot? _snapshot;

    public bool Names(string host)
    {
        var snapshot = Current();
        if (snapshot.Exact.Contains(host))
            return true;
        var dot = host.IndexOf('.');
        return dot > 0 && snapshot.WildcardSuffixes.Contains(host[(dot + 1)..]);
    }

    Snapshot Current()
    {
        var config = provider.GetConfig();
        var snapshot = _snapshot;
        if (snapshot?.Config == config)
            return snapshot;
        var exact = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var wildcards = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var route in config.Routes)
        {
            foreach (var pattern in route.Match.Hosts ?? [])
            {
                var host = StripPort(pattern).TrimEnd('.');
                if (host.StartsWith("*.", StringComparison.Ordinal))
                    wildcards.Add(host[2..]);
                else if (host.Length > 0)
                    exact.Add(host);
            }
        }
        _snapshot = snapshot = new Snapshot(config, exact, wildcards);
        return snapshot;
    }

    static string StripPort(string pattern)
    {
        var colon = pattern.LastIndexOf(':');
        return colon > 0 && pattern.IndexOf(']') < colon ? pattern[..colon] : pattern;
    }
}
