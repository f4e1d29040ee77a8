namespace CertMesh.Contracts.Issuance;

/// <summary>The Issuing saga's own timeout while its issuer is not ready: scheduled to itself, it tries signing again.
/// <c>Attempt</c> ties it to the wait that scheduled it, so a late one from an earlier wait is ignored.</summary>
public sealed record RetryIssuance
{
    public Guid IssuanceId { get; init; }
    public int Attempt { get; init; }
}
