namespace CertMesh.Contracts.Issuance;

/// <summary>Scheduled to the Issuing saga itself: try signing again once the issuer may have become ready.</summary>
public sealed record RetryIssuance
{
    public Guid IssuanceId { get; init; }
    public int Attempt { get; init; }
}
