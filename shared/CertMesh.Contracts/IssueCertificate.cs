namespace CertMesh.Contracts;

/// <summary>
/// Create or update the Certificate <c>Namespace/Name</c> and have it issued. With <c>Csr</c> (PEM) the
/// requester keeps its private key: CertMesh signs that request and never generates a key.
/// Request/response callers get <see cref="IssueCertificateAccepted"/> or <see cref="IssueCertificateRejected"/>.
/// </summary>
public sealed record IssueCertificate
{
    public string Namespace { get; init; } = "default";
    public string Name { get; init; } = "";
    public CertificateSpec Spec { get; init; } = new();
    public string? Csr { get; init; }
    public IReadOnlyDictionary<string, string>? Labels { get; init; }
    public IReadOnlyDictionary<string, string>? Annotations { get; init; }
}
