namespace CertMesh.Contracts.Issuance;

/// <summary>Asks KeyManager for the key of one revision; the answer names a secret, never carries the key.</summary>
public sealed record GeneratePrivateKey
{
    public Guid IssuanceId { get; init; }
    public string Namespace { get; init; } = "";
    public string Name { get; init; } = "";
    public int Revision { get; init; }
    public string SecretName { get; init; } = "";
    public CertificatePrivateKey? PrivateKey { get; init; }
}
