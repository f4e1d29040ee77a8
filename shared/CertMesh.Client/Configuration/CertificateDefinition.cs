using CertMesh.Contracts;

namespace CertMesh.Client.Configuration;

/// <summary>
/// One declared certificate with the client's defaults applied: the Certificate's name, a secret name, and the spec as
/// it goes on the bus (only <c>privateKey.rotationPolicy</c> of the key settings, default <c>Always</c>: with a CSR
/// CertMesh refuses algorithm, size and encoding, and a client that keeps its key wants a new one per renewal).
/// </summary>
internal sealed record CertificateDefinition(string Key, string Namespace, string Name, CertificateSpec Spec, string KeyAlgorithm, int KeySize)
{
    public const string DefaultRotationPolicy = "Always";

    public static CertificateDefinition From(string key, CertMeshCertificateOptions options)
    {
        var name = options.Name ?? key;
        var spec = options.Spec with
        {
            SecretName = options.Spec.SecretName.Length > 0 ? options.Spec.SecretName : $"{name}-tls",
            PrivateKey = new CertificatePrivateKey { RotationPolicy = options.Spec.PrivateKey?.RotationPolicy ?? DefaultRotationPolicy },
        };
        var algorithm = KeyAlgorithms.IsRsa(options.KeyAlgorithm) ? KeyAlgorithms.Rsa : KeyAlgorithms.Ecdsa;
        return new CertificateDefinition(key, options.Namespace, name, spec, algorithm, options.KeySize ?? KeyAlgorithms.DefaultSize(algorithm));
    }

    public string Display => $"{Namespace}/{Name}";
}
