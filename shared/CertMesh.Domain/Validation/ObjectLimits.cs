namespace CertMesh.Domain.Validation;

/// <summary>
/// Limits every stored object keeps, in the spirit of Kubernetes' API server, so that no input, from the Api or on the
/// bus, makes CertMesh store, copy or print something unbounded. Errors name the limit by its name here.
/// </summary>
public static class ObjectLimits
{
    /// <summary>Kubernetes' <c>TotalAnnotationSizeLimitB</c>: keys and values of all annotations together, in bytes.</summary>
    public const int MaxAnnotationsBytes = 256 * 1024;

    /// <summary>A label value (Kubernetes: at most 63 characters, alphanumeric, '-', '_' or '.' inside).</summary>
    public const int MaxLabelValueLength = 63;

    /// <summary>The name part of a label or annotation key (<c>prefix/name</c>), as Kubernetes' qualified names.</summary>
    public const int MaxKeyNameLength = 63;

    /// <summary>The optional prefix of a label or annotation key: a DNS subdomain.</summary>
    public const int MaxKeyPrefixLength = KubernetesNames.MaxSubdomainLength;

    /// <summary>A whole object (an <c>IssueCertificate</c>, an Issuer) as JSON, in bytes. Kubernetes' etcd takes 1.5 MiB
    /// per object; CertMesh's objects are far smaller, and a Secret's data has its own 1 MiB limit.</summary>
    public const int MaxObjectBytes = 1024 * 1024;
}
