namespace CertMesh.Contracts.Issuance;

/// <summary>
/// Asks KeyManager for the key of one revision, stored as secret <c>KeySecretName</c>. With rotationPolicy
/// Never the key in <c>CertificateSecretName</c> is reused when it still fits the spec. The answer names a
/// secret; it never carries the key.
/// </summary>
public sealed record GeneratePrivateKey
{
    public Guid IssuanceId { get; init; }
    public string Namespace { get; init; } = "";
    public string Name { get; init; } = "";
    public int Revision { get; init; }
    public string KeySecretName { get; init; } = "";
    public string CertificateSecretName { get; init; } = "";
    public CertificatePrivateKey? PrivateKey { get; init; }
}
