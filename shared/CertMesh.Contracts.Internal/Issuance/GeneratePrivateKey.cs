namespace CertMesh.Contracts.Issuance;

/// <summary>
/// The Issuing saga asks KeyManager for the key of revision <c>Revision</c>. KeyManager answers with
/// <see cref="PrivateKeyReady"/> or <see cref="PrivateKeyGenerationFailed"/>. With rotationPolicy Never the key in
/// <c>CertificateSecretName</c> is reused when it still fits <c>PrivateKey</c>.
/// </summary>
public sealed record GeneratePrivateKey
{
    public Guid IssuanceId { get; init; }
    public Guid CertificateUid { get; init; }
    public string Namespace { get; init; } = "";
    public string Name { get; init; } = "";
    public int Revision { get; init; }
    public string CertificateSecretName { get; init; } = "";
    public CertificatePrivateKey? PrivateKey { get; init; }
}
