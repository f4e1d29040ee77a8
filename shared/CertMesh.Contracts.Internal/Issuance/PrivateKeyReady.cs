namespace CertMesh.Contracts.Issuance;

/// <summary>
/// The key for the revision is stored in secret <c>KeySecretName</c> (encrypted at rest), or null when the
/// requester supplied a CSR and keeps its key. Starts the Issuing saga; never carries the key itself.
/// </summary>
public sealed record PrivateKeyReady
{
    public Guid IssuanceId { get; init; }
    public Guid CertificateUid { get; init; }
    public string Namespace { get; init; } = "";
    public string Name { get; init; } = "";
    public int Revision { get; init; }
    public string? KeySecretName { get; init; }
    public bool Reused { get; init; }
}
