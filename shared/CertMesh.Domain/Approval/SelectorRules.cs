using CertMesh.Contracts;
using CertMesh.Domain.Validation;

namespace CertMesh.Domain.Approval;

/// <summary><c>spec.selector</c>: at least one selector, and well-formed patterns and labels in it.</summary>
public static class SelectorRules
{
    private const string Path = "spec.selector";

    public static IEnumerable<FieldError> OneSelector(CertificateRequestPolicy policy)
    {
        var selector = policy.Spec.Selector;
        if (selector.IssuerRef is null && selector.Namespace is null)
        {
            yield return FieldErrors.Required(Path, "one of issuerRef or namespace must be defined (issuerRef: {} selects every issuer)");
        }
    }

    public static IEnumerable<FieldError> IssuerRef(CertificateRequestPolicy policy)
    {
        var issuerRef = policy.Spec.Selector.IssuerRef;
        return issuerRef is null
            ? []
            : PatternRules.Pattern($"{Path}.issuerRef.name", issuerRef.Name)
                .Concat(PatternRules.Pattern($"{Path}.issuerRef.kind", issuerRef.Kind))
                .Concat(PatternRules.Pattern($"{Path}.issuerRef.group", issuerRef.Group));
    }

    public static IEnumerable<FieldError> Namespace(CertificateRequestPolicy policy)
    {
        var selector = policy.Spec.Selector.Namespace;
        return selector is null
            ? []
            : PatternRules.Patterns($"{Path}.namespace.matchNames", selector.MatchNames)
                .Concat(ObjectMetaRules.Labels($"{Path}.namespace.matchLabels", selector.MatchLabels));
    }
}
