using CertMesh.Contracts;

namespace CertMesh.Domain.Validation;

/// <summary><c>spec.usages</c>: cert-manager's names ("server auth", not "serverAuth"), each once.</summary>
public static class UsageRules
{
    public static IEnumerable<FieldError> Usages(CertificateValidationContext context)
    {
        var usages = context.Spec.Usages ?? [];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < usages.Count; i++)
        {
            var field = FieldErrors.Index("spec.usages", i);
            if (!KeyUsages.Supported.Contains(usages[i]))
            {
                yield return FieldErrors.Unsupported(field, usages[i], KeyUsages.Supported);
            }
            else if (!seen.Add(usages[i]))
            {
                yield return FieldErrors.Duplicate(field, usages[i]);
            }
        }
    }
}
