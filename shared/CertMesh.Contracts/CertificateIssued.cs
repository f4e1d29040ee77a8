namespace CertMesh.Contracts;

/// <summary>
/// Revision <c>Revision</c> of the Certificate is stored in Secret <c>SecretName</c>. Published once per revision.
/// <c>CertificatePem</c> is the leaf then its chain (public material only); the private key stays in the Secret.
/// </summary>
public sealed record CertificateIssued
{
    public string Namespace { get; init; } = "";
    public string Name { get; init; } = "";
    public Guid Uid { get; init; }
    public int Revision { get; init; }
    public string SecretName { get; init; } = "";
    public string SerialNumber { get; init; } = "";
    public DateTimeOffset NotBefore { get; init; }
    public DateTimeOffset NotAfter { get; init; }
    public DateTimeOffset RenewalTime { get; init; }
    public string CertificatePem { get; init; } = "";
    public string? CaPem { get; init; }
}
