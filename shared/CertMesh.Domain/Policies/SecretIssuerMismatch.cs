using CertMesh.Domain.Resources;
using CertMesh.Domain.Validation;

namespace CertMesh.Domain.Policies;

/// <summary>The Secret's issuer annotations name a different issuer than spec.issuerRef (the user switched issuers).
/// Empty kind/group on either side mean the defaults, as in cert-manager.</summary>
public static class SecretIssuerMismatch
{
    public static PolicyViolation? Check(PolicyInput input)
    {
        if (input.Secret is not { } secret)
        {
            return null;
        }
        var issuerRef = input.Certificate.Spec.IssuerRef;
        var name = Annotation(secret, SecretAnnotations.IssuerName);
        var kind = Or(Annotation(secret, SecretAnnotations.IssuerKind), CertificateDefaults.IssuerKind);
        var group = Or(Annotation(secret, SecretAnnotations.IssuerGroup), CertificateDefaults.IssuerGroup);
        if (name == issuerRef.Name && kind == CertificateDefaults.EffectiveIssuerKind(issuerRef) &&
            group == CertificateDefaults.EffectiveIssuerGroup(issuerRef))
        {
            return null;
        }
        return new PolicyViolation(PolicyReasons.IncorrectIssuer,
            $"Issuing certificate as Secret was previously issued by {kind}.{group}/{name}");
    }

    private static string Annotation(SecretContents secret, string key) => secret.Annotations.GetValueOrDefault(key) ?? "";

    private static string Or(string value, string fallback) => value.Length == 0 ? fallback : value;
}
