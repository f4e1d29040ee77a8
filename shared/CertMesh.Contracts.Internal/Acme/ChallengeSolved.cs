namespace CertMesh.Contracts.Acme;

/// <summary>The authorization behind the challenge is valid (and the challenge cleaned up, or its clean-up scheduled).</summary>
public sealed record ChallengeSolved
{
    public Guid OrderId { get; init; }
    public string Namespace { get; init; } = "";
    public string OrderName { get; init; } = "";
    public string ChallengeName { get; init; } = "";
    public string DnsName { get; init; } = "";
}
