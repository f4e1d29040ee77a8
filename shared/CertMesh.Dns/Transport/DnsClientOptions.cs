namespace CertMesh.Dns.Transport;

/// <summary>Knobs shared by the resolver and the update client.</summary>
public sealed record DnsClientOptions
{
    /// <summary>Per attempt (UDP, then TCP if truncated); an authoritative server on the path answers in milliseconds.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);

    public static DnsClientOptions Default { get; } = new();
}
