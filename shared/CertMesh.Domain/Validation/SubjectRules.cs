using CertMesh.Contracts;

namespace CertMesh.Domain.Validation;

/// <summary><c>spec.subject</c>: a few values per field, each of a length X.509 tools print.</summary>
public static class SubjectRules
{
    public static IEnumerable<FieldError> Subject(CertificateValidationContext context)
    {
        var subject = context.Spec.Subject;
        if (subject is null)
        {
            return [];
        }
        (string Name, IReadOnlyList<string>? Values)[] fields =
        [
            ("organizations", subject.Organizations),
            ("countries", subject.Countries),
            ("organizationalUnits", subject.OrganizationalUnits),
            ("localities", subject.Localities),
            ("provinces", subject.Provinces),
            ("streetAddresses", subject.StreetAddresses),
            ("postalCodes", subject.PostalCodes),
        ];
        return fields.SelectMany(f => Values($"spec.subject.{f.Name}", f.Values ?? []))
            .Concat(Value("spec.subject.serialNumber", subject.SerialNumber));
    }

    private static IEnumerable<FieldError> Values(string field, IReadOnlyList<string> values)
    {
        if (values.Count > CertificateLimits.MaxSubjectValues)
        {
            yield return FieldErrors.TooMany(field, values.Count, CertificateLimits.MaxSubjectValues, nameof(CertificateLimits.MaxSubjectValues), "values");
        }
        for (var i = 0; i < Math.Min(values.Count, CertificateLimits.MaxSubjectValues); i++)
        {
            foreach (var error in Value(FieldErrors.Index(field, i), values[i]))
            {
                yield return error;
            }
        }
    }

    private static IEnumerable<FieldError> Value(string field, string? value)
    {
        if (value is { Length: > CertificateLimits.MaxSubjectValueLength })
        {
            yield return FieldErrors.Invalid(field, value,
                $"must be no more than {CertificateLimits.MaxSubjectValueLength} characters, got {value.Length} (limit {nameof(CertificateLimits.MaxSubjectValueLength)})");
        }
    }
}
