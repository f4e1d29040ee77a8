using CertMesh.Contracts;

namespace CertMesh.Domain.Validation;

/// <summary>The Certificate's own identity (a namespace is a DNS-1123 label, a name a DNS-1123 subdomain), its labels and
/// annotations and those of its Secret's template, as Kubernetes checks them.</summary>
public static class MetadataRules
{
    public static IEnumerable<FieldError> Namespace(CertificateValidationContext context) =>
        NameRules.Label("metadata.namespace", context.Command.Namespace);

    public static IEnumerable<FieldError> Name(CertificateValidationContext context) =>
        NameRules.Subdomain("metadata.name", context.Command.Name);

    public static IEnumerable<FieldError> SecretName(CertificateValidationContext context) =>
        NameRules.Subdomain("spec.secretName", context.Spec.SecretName);

    public static IEnumerable<FieldError> Labels(CertificateValidationContext context) =>
        ObjectMetaRules.Labels("metadata.labels", context.Command.Labels);

    public static IEnumerable<FieldError> Annotations(CertificateValidationContext context) =>
        ObjectMetaRules.Annotations("metadata.annotations", context.Command.Annotations);

    public static IEnumerable<FieldError> SecretTemplate(CertificateValidationContext context) =>
        ObjectMetaRules.Labels("spec.secretTemplate.labels", context.Spec.SecretTemplate?.Labels)
            .Concat(ObjectMetaRules.Annotations("spec.secretTemplate.annotations", context.Spec.SecretTemplate?.Annotations));
}
