using CertMesh.Contracts;

namespace CertMesh.Client;

/// <summary>
/// CertMesh refused a declared certificate (<c>IssueCertificateRejected</c>): start-up fails with every field error,
/// e.g. <c>spec.issuerRef.name: NotFound: …</c> or <c>metadata.namespace: Forbidden: …</c>.
/// </summary>
public sealed class CertificateRejectedException : Exception
{
    /// <summary>The refusal of <paramref name="namespace"/>/<paramref name="name"/> with CertMesh's field errors.</summary>
    public CertificateRejectedException(string @namespace, string name, IReadOnlyList<FieldError> errors)
        : base($"CertMesh rejected Certificate {@namespace}/{name}: {string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}"))}")
    {
        Namespace = @namespace;
        Name = name;
        Errors = errors;
    }

    /// <summary>The Certificate's namespace.</summary>
    public string Namespace { get; }

    /// <summary>The Certificate's name.</summary>
    public string Name { get; }

    /// <summary>Every field CertMesh refused, and why.</summary>
    public IReadOnlyList<FieldError> Errors { get; }
}
