using CertMesh.Contracts;

namespace CertMesh.Domain.Validation;

/// <summary>Required + DNS-1123 checks shared by every "name of a resource" field.</summary>
public static class NameRules
{
    public static IEnumerable<FieldError> Label(string field, string? value) =>
        string.IsNullOrEmpty(value)
            ? [FieldErrors.Required(field)]
            : KubernetesNames.LabelErrors(value).Select(e => FieldErrors.Invalid(field, value, e));

    public static IEnumerable<FieldError> Subdomain(string field, string? value) =>
        string.IsNullOrEmpty(value)
            ? [FieldErrors.Required(field)]
            : KubernetesNames.SubdomainErrors(value).Select(e => FieldErrors.Invalid(field, value, e));
}
