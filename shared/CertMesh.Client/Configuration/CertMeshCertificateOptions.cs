using CertMesh.Contracts;

namespace CertMesh.Client.Configuration;

/// <summary>
/// One certificate the application keeps (<c>CertMesh:Certificates:&lt;name&gt;</c>): the CertMesh Certificate
/// <c>Namespace/Name</c> and its <see cref="CertificateSpec"/>. The key is made here and never leaves the application,
/// so its algorithm and size are client settings; in the spec only <c>privateKey.rotationPolicy</c> may be set.
/// </summary>
public sealed class CertMeshCertificateOptions
{
    /// <summary>The CertMesh namespace (the application's user needs role <c>edit</c> there).</summary>
    public string Namespace { get; set; } = "";

    /// <summary>The Certificate's name; defaults to the local name the certificate is declared under.</summary>
    public string? Name { get; set; }

    /// <summary>cert-manager's <c>Certificate.spec</c>. <c>SecretName</c> defaults to <c>&lt;Name&gt;-tls</c> and
    /// <c>PrivateKey.RotationPolicy</c> to <c>Always</c> (a renewal gets a new key).</summary>
    public CertificateSpec Spec { get; set; } = new();

    /// <summary><c>ECDSA</c> (default) or <c>RSA</c>.</summary>
    public string KeyAlgorithm { get; set; } = KeyAlgorithms.Ecdsa;

    /// <summary>ECDSA curve size 256 (default), 384 or 521; RSA 2048 (default), 3072 or 4096.</summary>
    public int? KeySize { get; set; }
}
