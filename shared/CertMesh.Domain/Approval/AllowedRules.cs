using CertMesh.Contracts;
using CertMesh.Domain.Validation;

namespace CertMesh.Domain.Approval;

/// <summary><c>spec.allowed</c>: patterns well formed, <c>required</c> only with something to require, known usages.</summary>
public static class AllowedRules
{
    private const string Path = "spec.allowed";

    public static IEnumerable<FieldError> Strings(CertificateRequestPolicy policy)
    {
        var allowed = policy.Spec.Allowed;
        if (allowed is null)
        {
            return [];
        }
        var subject = allowed.Subject;
        return Single($"{Path}.commonName", allowed.CommonName)
            .Concat(Slice($"{Path}.dnsNames", allowed.DnsNames))
            .Concat(Slice($"{Path}.ipAddresses", allowed.IpAddresses))
            .Concat(Slice($"{Path}.uris", allowed.Uris))
            .Concat(Slice($"{Path}.emailAddresses", allowed.EmailAddresses))
            .Concat(Slice($"{Path}.subject.organizations", subject?.Organizations))
            .Concat(Slice($"{Path}.subject.countries", subject?.Countries))
            .Concat(Slice($"{Path}.subject.organizationalUnits", subject?.OrganizationalUnits))
            .Concat(Slice($"{Path}.subject.localities", subject?.Localities))
            .Concat(Slice($"{Path}.subject.provinces", subject?.Provinces))
            .Concat(Slice($"{Path}.subject.streetAddresses", subject?.StreetAddresses))
            .Concat(Slice($"{Path}.subject.postalCodes", subject?.PostalCodes))
            .Concat(Single($"{Path}.subject.serialNumber", subject?.SerialNumber));
    }

    public static IEnumerable<FieldError> Usages(CertificateRequestPolicy policy)
    {
        var usages = policy.Spec.Allowed?.Usages ?? [];
        for (var i = 0; i < usages.Count; i++)
        {
            if (!KeyUsages.Supported.Contains(usages[i]))
            {
                yield return FieldErrors.Unsupported(FieldErrors.Index($"{Path}.usages", i), usages[i], KeyUsages.Supported);
            }
        }
    }

    private static IEnumerable<FieldError> Single(string field, AllowedString? allowed)
    {
        if (allowed is null)
        {
            return [];
        }
        var required = allowed.Required == true && allowed.Value is null
            ? [FieldErrors.Required($"{field}.value", "'value' must be defined if the field is 'required'")]
            : Array.Empty<FieldError>();
        return required.Concat(PatternRules.Pattern($"{field}.value", allowed.Value)).Concat(NoCel(field, allowed.Validations));
    }

    private static IEnumerable<FieldError> Slice(string field, AllowedStringSlice? allowed)
    {
        if (allowed is null)
        {
            return [];
        }
        var required = allowed.Required == true && allowed.Values is null
            ? [FieldErrors.Required($"{field}.values", "'values' must be defined if the field is 'required'")]
            : Array.Empty<FieldError>();
        return required.Concat(PatternRules.Patterns($"{field}.values", allowed.Values)).Concat(NoCel(field, allowed.Validations));
    }

    // approver-policy runs these as CEL expressions; CertMesh has no CEL engine, and ignoring a rule would approve what
    // the policy's author meant to refuse, so a policy using them is refused instead.
    private static IEnumerable<FieldError> NoCel(string field, IReadOnlyList<ValidationRule>? validations) =>
        validations is { Count: > 0 }
            ? [FieldErrors.Forbidden($"{field}.validations", "CEL validations are not supported by CertMesh; express the rule with wildcard values")]
            : [];
}
