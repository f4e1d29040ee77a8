namespace CertMesh.Dns.Transport;

/// <summary>Knobs shared by the resolver and the update client.</summary>
public sealed record DnsClientOptions
{
    /// <summary>Per attempt (UDP, then TCP if truncated, or TCP alone); an authoritative server answers in milliseconds.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Send over TCP from the start instead of UDP first. Off by default; cert-manager's <c>rfc2136.protocol: TCP</c>
    /// turns it on for servers (or firewalls) that take updates over TCP only.
    /// </summary>
    public bool ForceTcp { get; init; }

    public static DnsClientOptions Default { get; } = new();
}
