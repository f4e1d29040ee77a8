namespace CertMesh.Contracts.Issuance;

public sealed record PrivateKeyGenerationFailed
{
    public Guid IssuanceId { get; init; }
    public string Reason { get; init; } = "";
    public string Message { get; init; } = "";
}
