using CertMesh.Contracts;
using CertMesh.Domain.Resources;
using CertMesh.Domain.Validation;

namespace CertMesh.Api.Manifests;

/// <summary>What the Kubernetes API server checks on a whole Secret once data and stringData are merged, and its metadata.</summary>
internal static class SecretRules
{
    /// <summary>Kubernetes' <c>MaxSecretSize</c>: keys and values together.</summary>
    public const int MaxSecretSize = 1024 * 1024;

    public static IReadOnlyList<Func<Secret, IEnumerable<FieldError>>> All { get; } = [TlsKeys, Size, Labels, Annotations];

    public static IEnumerable<FieldError> Labels(Secret secret) => ObjectMetaRules.Labels("metadata.labels", secret.Metadata.Labels);

    public static IEnumerable<FieldError> Annotations(Secret secret) => ObjectMetaRules.Annotations("metadata.annotations", secret.Metadata.Annotations);

    /// <summary>A <c>kubernetes.io/tls</c> Secret holds a certificate and its key.</summary>
    public static IEnumerable<FieldError> TlsKeys(Secret secret)
    {
        if (secret.Type != SecretTypes.Tls)
            yield break;
        foreach (var key in (string[])[SecretKeys.TlsCrt, SecretKeys.TlsKey])
            if (!secret.Data.ContainsKey(key))
                yield return FieldErrors.Required($"data.{key}", $"a {SecretTypes.Tls} Secret must hold {key}");
    }

    public static IEnumerable<FieldError> Size(Secret secret)
    {
        var size = secret.Data.Sum(entry => (long)entry.Key.Length + entry.Value.Length);
        if (size > MaxSecretSize)
            yield return new FieldError("data", $"Too long: must have at most {MaxSecretSize} bytes (keys and values of data and stringData together), got {size} (limit {nameof(MaxSecretSize)})");
    }
}
