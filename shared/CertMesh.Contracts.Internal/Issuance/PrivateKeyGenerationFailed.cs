namespace CertMesh.Contracts.Issuance;

/// <summary>No key could be produced for the revision; the Issuing saga records the failure.</summary>
public sealed record PrivateKeyGenerationFailed
{
    public Guid IssuanceId { get; init; }
    public Guid CertificateUid { get; init; }
    public string Namespace { get; init; } = "";
    public string Name { get; init; } = "";
    public int Revision { get; init; }
    public string Reason { get; init; } = "";
    public string Message { get; init; } = "";
}
