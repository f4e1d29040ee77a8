namespace CertMesh.Contracts.Acme;

/// <summary>The authorization ended invalid (or could not be attempted); <c>Message</c> carries the CA's detail.</summary>
public sealed record ChallengeFailed
{
    public Guid OrderId { get; init; }
    public string Namespace { get; init; } = "";
    public string OrderName { get; init; } = "";
    public string ChallengeName { get; init; } = "";
    public string DnsName { get; init; } = "";
    public string Reason { get; init; } = "";
    public string Message { get; init; } = "";
}
