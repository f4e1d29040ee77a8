namespace CertMesh.Contracts.Dns;

/// <summary>The TXT value is in place (Present) or gone (CleanUp) at the zone's primary or through the webhook.</summary>
public sealed record DnsRecordChanged
{
    public Guid Uid { get; init; }
    public string Action { get; init; } = "";
    public string Namespace { get; init; } = "";
    public string ChallengeName { get; init; } = "";
    /// <summary>Who did it, for people: <c>rfc2136 127.0.0.1:5354</c>, <c>webhook acme.imroc.cc/dnspod</c>.</summary>
    public string Provider { get; init; } = "";
}
