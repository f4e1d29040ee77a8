namespace CertMesh.Contracts.Issuance;

/// <summary>The key for the revision is stored in secret <c>KeySecretName</c> (encrypted at rest).</summary>
public sealed record PrivateKeyGenerated
{
    public Guid IssuanceId { get; init; }
    public string Namespace { get; init; } = "";
    public string KeySecretName { get; init; } = "";
    public bool Reused { get; init; }
}
