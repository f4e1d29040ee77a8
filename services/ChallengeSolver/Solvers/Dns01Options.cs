using System.Net;
using CertMesh.ChallengeSolver.Scheduling;
using CertMesh.Dns.Zones;

namespace CertMesh.ChallengeSolver.Solvers;

/// <summary>DNS-01's settings, from environment variables; the names follow cert-manager's controller flags.</summary>
internal sealed record Dns01Options
{
    /// <summary>
    /// cert-manager's fallback when no resolver is configured and /etc/resolv.conf names none: without any server
    /// zone discovery cannot start, and public resolvers are what a host with no resolver of its own would reach.
    /// </summary>
    static readonly IPEndPoint[] PublicFallback = [new(IPAddress.Parse("8.8.8.8"), 53), new(IPAddress.Parse("8.8.4.4"), 53)];

    /// <summary>
    /// Servers asked, in order, for SOA (zone discovery), CNAME, NS and the nameservers' addresses
    /// (CERTMESH_DNS01_RECURSIVE_NAMESERVERS, comma-separated <c>ip:port</c>; cert-manager's
    /// <c>--dns01-recursive-nameservers</c>). Default: the nameservers of /etc/resolv.conf, port 53.
    /// </summary>
    public IReadOnlyList<IPEndPoint> RecursiveNameservers { get; init; } = SystemNameservers();

    /// <summary>
    /// Self-check the recursive nameservers instead of the zone's authoritative ones
    /// (CERTMESH_DNS01_RECURSIVE_NAMESERVERS_ONLY; cert-manager's <c>--dns01-recursive-nameservers-only</c>), for
    /// networks where the authoritative servers cannot be reached directly.
    /// </summary>
    public bool RecursiveNameserversOnly { get; init; }

    /// <summary>
    /// Port the authoritative nameservers are asked on (CERTMESH_DNS01_NAMESERVER_PORT, default 53): an NS record
    /// names a host only, and a test server (the local BIND on 5354) may not listen on 53.
    /// </summary>
    public int NameserverPort { get; init; } = 53;

    /// <summary>How long DnsWebhook has to answer one ChangeDnsRecord (CERTMESH_DNS01_WEBHOOK_TIMEOUT, default 30s); then it is retried.</summary>
    public TimeSpan WebhookTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public static Dns01Options From(IConfiguration configuration)
    {
        var defaults = new Dns01Options();
        return new Dns01Options
        {
            RecursiveNameservers = configuration["CERTMESH_DNS01_RECURSIVE_NAMESERVERS"] is { Length: > 0 } list
                ? ParseNameservers(list, "CERTMESH_DNS01_RECURSIVE_NAMESERVERS")
                : defaults.RecursiveNameservers,
            RecursiveNameserversOnly = SchedulerOptions.Bool(configuration, "CERTMESH_DNS01_RECURSIVE_NAMESERVERS_ONLY", defaults.RecursiveNameserversOnly),
            NameserverPort = Port(configuration, "CERTMESH_DNS01_NAMESERVER_PORT", defaults.NameserverPort),
            WebhookTimeout = SchedulerOptions.Duration(configuration, "CERTMESH_DNS01_WEBHOOK_TIMEOUT", defaults.WebhookTimeout),
        };
    }

    /// <summary><c>10.0.0.53:53,[2001:db8::53]:53</c>; a bare address means port 53. Addresses only: a name would need a resolver first.</summary>
    internal static IReadOnlyList<IPEndPoint> ParseNameservers(string text, string name)
    {
        var servers = new List<IPEndPoint>();
        foreach (var entry in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!IPEndPoint.TryParse(entry, out var server))
                throw new InvalidOperationException($"{name}: \"{entry}\" is not an IP address with an optional port (e.g. 127.0.0.1:5354 or [::1]:53)");
            servers.Add(server.Port == 0 ? new IPEndPoint(server.Address, 53) : server);
        }
        return servers.Count > 0 ? servers : throw new InvalidOperationException($"{name}: \"{text}\" names no nameserver");
    }

    static IReadOnlyList<IPEndPoint> SystemNameservers() => ResolvConf.Nameservers() is { Count: > 0 } servers ? servers : PublicFallback;

    static int Port(IConfiguration configuration, string name, int fallback) => configuration[name] switch
    {
        null or "" => fallback,
        var text when int.TryParse(text, out var port) && port is > 0 and <= 65535 => port,
        var text => throw new InvalidOperationException($"{name}: \"{text}\" is not a port (1-65535)"),
    };
}
