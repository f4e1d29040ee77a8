namespace CertMesh.Contracts.Issuance;

/// <summary>
/// KeyManager's answer to <see cref="GeneratePrivateKey"/>: the key for the revision is stored in secret
/// <c>KeySecretName</c> (encrypted at rest). Never carries the key itself.
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
