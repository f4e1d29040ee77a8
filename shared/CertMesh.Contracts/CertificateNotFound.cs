namespace CertMesh.Contracts;

/// <summary>Answer to <see cref="RenewCertificate"/> or <see cref="DeleteCertificate"/> naming no Certificate.</summary>
public sealed record CertificateNotFound
{
    public string Namespace { get; init; } = "";
    public string Name { get; init; } = "";
}
