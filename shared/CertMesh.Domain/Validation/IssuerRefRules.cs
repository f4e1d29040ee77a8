using CertMesh.Contracts;
using CertMesh.Domain.Resources;

namespace CertMesh.Domain.Validation;

/// <summary><c>spec.issuerRef</c>: well formed, and naming an issuer that exists (for cert-manager.io issuers;
/// external issuers are resolved by their own controllers).</summary>
public static class IssuerRefRules
{
    public static IEnumerable<FieldError> Name(CertificateValidationContext context) =>
        NameRules.Subdomain("spec.issuerRef.name", context.Spec.IssuerRef.Name);

    public static IEnumerable<FieldError> Kind(CertificateValidationContext context)
    {
        var issuerRef = context.Spec.IssuerRef;
        if (IsCertManagerGroup(issuerRef) && !string.IsNullOrEmpty(issuerRef.Kind) && !IsKnownKind(issuerRef.Kind))
        {
            yield return FieldErrors.Invalid("spec.issuerRef.kind", issuerRef.Kind, "must be one of Issuer or ClusterIssuer");
        }
    }

    public static IEnumerable<FieldError> Exists(CertificateValidationContext context)
    {
        var issuerRef = context.Spec.IssuerRef;
        var kind = CertificateDefaults.EffectiveIssuerKind(issuerRef);
        if (context.Issuer.Found || string.IsNullOrEmpty(issuerRef.Name) || !IsCertManagerGroup(issuerRef) || !IsKnownKind(kind))
        {
            yield break;
        }
        var where = kind == ResourceKinds.ClusterIssuer ? "" : $" in namespace {ValueExcerpt.Quote(context.Command.Namespace)}";
        yield return FieldErrors.NotFound("spec.issuerRef.name", $"{kind} {ValueExcerpt.Quote(issuerRef.Name)}{where} does not exist");
    }

    private static bool IsCertManagerGroup(IssuerReference issuerRef) =>
        CertificateDefaults.EffectiveIssuerGroup(issuerRef) == ResourceKinds.Group;

    private static bool IsKnownKind(string kind) => kind is ResourceKinds.Issuer or ResourceKinds.ClusterIssuer;
}
