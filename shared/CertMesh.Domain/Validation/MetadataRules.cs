using CertMesh.Contracts;

namespace CertMesh.Domain.Validation;

/// <summary>The Certificate's own identity: a namespace is a DNS-1123 label, a name a DNS-1123 subdomain.</summary>
public static class MetadataRules
{
    public static IEnumerable<FieldError> Namespace(CertificateValidationContext context) =>
        NameRules.Label("metadata.namespace", context.Command.Namespace);

    public static IEnumerable<FieldError> Name(CertificateValidationContext context) =>
        NameRules.Subdomain("metadata.name", context.Command.Name);

    public static IEnumerable<FieldError> SecretName(CertificateValidationContext context) =>
        NameRules.Subdomain("spec.secretName", context.Spec.SecretName);
}
