namespace CertMesh.Contracts;

/// <summary>An issuance attempt failed; the next one is scheduled at <c>NextAttemptAt</c> (exponential back-off).</summary>
public sealed record CertificateIssuanceFailed
{
    public string Namespace { get; init; } = "";
    public string Name { get; init; } = "";
    public Guid Uid { get; init; }
    public int Revision { get; init; }
    public string Reason { get; init; } = "";
    public string Message { get; init; } = "";
    public int FailedIssuanceAttempts { get; init; }
    public DateTimeOffset? NextAttemptAt { get; init; }
}
