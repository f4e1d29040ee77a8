using CertMesh.Contracts;

namespace CertMesh.Domain.Validation;

/// <summary>What is kept and written besides the certificate: request history and extra Secret keys.</summary>
public static class OutputRules
{
    public static IEnumerable<FieldError> RevisionHistoryLimit(CertificateValidationContext context)
    {
        if (context.Spec.RevisionHistoryLimit is < 1)
        {
            yield return FieldErrors.Invalid("spec.revisionHistoryLimit", context.Spec.RevisionHistoryLimit, "must not be less than 1");
        }
    }

    public static IEnumerable<FieldError> AdditionalOutputFormats(CertificateValidationContext context)
    {
        var formats = context.Spec.AdditionalOutputFormats ?? [];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < formats.Count; i++)
        {
            var field = $"{FieldErrors.Index("spec.additionalOutputFormats", i)}.type";
            var type = formats[i]?.Type ?? "";
            if (!OutputFormatTypes.Supported.Contains(type))
            {
                yield return FieldErrors.Unsupported(field, type, OutputFormatTypes.Supported);
            }
            else if (!seen.Add(type))
            {
                yield return FieldErrors.Duplicate(field, type);
            }
        }
    }
}
