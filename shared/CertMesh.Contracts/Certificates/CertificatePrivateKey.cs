namespace CertMesh.Contracts;

/// <summary><c>Algorithm</c> RSA or ECDSA; <c>Encoding</c> PKCS1 or PKCS8; <c>RotationPolicy</c> Always (default) or Never.</summary>
public sealed record CertificatePrivateKey
{
    public string? Algorithm { get; init; }
    public int? Size { get; init; }
    public string? Encoding { get; init; }
    public string? RotationPolicy { get; init; }
}
