namespace CertMesh.Domain.Resources;

/// <summary>A Secret as in Kubernetes (<c>kubernetes.io/tls</c>: <c>tls.crt</c>, <c>tls.key</c>, <c>ca.crt</c>).
/// Stored encrypted; never serialised into a message or a log.</summary>
public sealed record Secret
{
    public ObjectMeta Metadata { get; init; } = new();
    public string Type { get; init; } = SecretTypes.Tls;
    public IReadOnlyDictionary<string, byte[]> Data { get; init; } = new Dictionary<string, byte[]>();
}

public static class SecretTypes
{
    public const string Tls = "kubernetes.io/tls";
    public const string Opaque = "Opaque";
}

public static class SecretKeys
{
    public const string TlsCrt = "tls.crt";
    public const string TlsKey = "tls.key";
    public const string CaCrt = "ca.crt";
    public const string CombinedPem = "tls-combined.pem";
    public const string KeyDer = "key.der";
}

/// <summary>The annotations cert-manager writes on a certificate's Secret.</summary>
public static class SecretAnnotations
{
    public const string CertificateName = "cert-manager.io/certificate-name";
    public const string IssuerName = "cert-manager.io/issuer-name";
    public const string IssuerKind = "cert-manager.io/issuer-kind";
    public const string IssuerGroup = "cert-manager.io/issuer-group";
    public const string AltNames = "cert-manager.io/alt-names";
    public const string IpSans = "cert-manager.io/ip-sans";
    public const string UriSans = "cert-manager.io/uri-sans";
    public const string CommonName = "cert-manager.io/common-name";
}
