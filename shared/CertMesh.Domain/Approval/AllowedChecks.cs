using CertMesh.Contracts;

namespace CertMesh.Domain.Approval;

/// <summary>
/// approver-policy's <c>allowed</c> evaluator: everything the request carries must be allowed, and everything marked
/// <c>required</c> must be carried. An attribute the policy omits must be absent from the request.
/// </summary>
public static class AllowedChecks
{
    private const string Path = "spec.allowed";

    public static IReadOnlyList<RequestCheck> All { get; } =
    [
        (p, r) => Single($"{Path}.commonName", r.CommonName is null ? [] : [r.CommonName], p.Allowed?.CommonName),
        (p, r) => Slice($"{Path}.dnsNames", r.DnsNames, p.Allowed?.DnsNames),
        (p, r) => Slice($"{Path}.ipAddresses", r.IpAddresses, p.Allowed?.IpAddresses),
        (p, r) => Slice($"{Path}.uris", r.Uris, p.Allowed?.Uris),
        (p, r) => Slice($"{Path}.emailAddresses", r.EmailAddresses, p.Allowed?.EmailAddresses),
        IsCA,
        Usages,
        (p, r) => Slice($"{Path}.subject.organizations", r.Subject.Organizations, p.Allowed?.Subject?.Organizations),
        (p, r) => Slice($"{Path}.subject.countries", r.Subject.Countries, p.Allowed?.Subject?.Countries),
        (p, r) => Slice($"{Path}.subject.organizationalUnits", r.Subject.OrganizationalUnits, p.Allowed?.Subject?.OrganizationalUnits),
        (p, r) => Slice($"{Path}.subject.localities", r.Subject.Localities, p.Allowed?.Subject?.Localities),
        (p, r) => Slice($"{Path}.subject.provinces", r.Subject.Provinces, p.Allowed?.Subject?.Provinces),
        (p, r) => Slice($"{Path}.subject.streetAddresses", r.Subject.StreetAddresses, p.Allowed?.Subject?.StreetAddresses),
        (p, r) => Slice($"{Path}.subject.postalCodes", r.Subject.PostalCodes, p.Allowed?.Subject?.PostalCodes),
        (p, r) => Single($"{Path}.subject.serialNumber", r.Subject.SerialNumbers, p.Allowed?.Subject?.SerialNumber),
    ];

    public static IEnumerable<FieldError> IsCA(CertificateRequestPolicySpec policy, RequestFacts request)
    {
        var allowed = policy.Allowed?.IsCA;
        if (request.IsCA && allowed != true)
        {
            yield return Violations.Invalid($"{Path}.isCA", true, allowed is null ? "nil" : "false");
        }
    }

    public static IEnumerable<FieldError> Usages(CertificateRequestPolicySpec policy, RequestFacts request)
    {
        if (request.Usages.Count == 0)
        {
            yield break;
        }
        var allowed = policy.Allowed?.Usages;
        if (allowed is null)
        {
            yield return Violations.Invalid($"{Path}.usages", request.Usages, "nil");
        }
        else if (request.Usages.Any(u => !Wildcard.MatchesAny(allowed, u)))
        {
            yield return Violations.Invalid($"{Path}.usages", request.Usages, string.Join(", ", allowed));
        }
    }

    /// <summary>A single-valued attribute; a request with several values (duplicate RDNs) has each judged.</summary>
    private static IEnumerable<FieldError> Single(string field, IReadOnlyList<string> values, AllowedString? allowed)
    {
        var present = values.Where(v => v.Length > 0).ToList();
        if (present.Count == 0)
        {
            if (allowed?.Required == true)
            {
                yield return Violations.Required($"{field}.required");
            }
            yield break;
        }
        if (allowed?.Value is not { } pattern)
        {
            foreach (var value in present)
            {
                yield return Violations.Invalid(field, value, "no allowed value");
            }
            yield break;
        }
        foreach (var value in present.Where(v => !Wildcard.Matches(pattern, v)))
        {
            yield return Violations.Invalid($"{field}.value", value, pattern);
        }
    }

    private static IEnumerable<FieldError> Slice(string field, IReadOnlyList<string> values, AllowedStringSlice? allowed)
    {
        if (values.Count == 0)
        {
            if (allowed?.Required == true)
            {
                yield return Violations.Required($"{field}.required");
            }
            yield break;
        }
        if (allowed?.Values is not { } patterns)
        {
            yield return Violations.Invalid(field, values, "no allowed values");
            yield break;
        }
        // approver-policy quotes every requested value; only the refused ones are named here, which is what a
        // reader needs to fix the request.
        var refused = values.Where(v => !Wildcard.MatchesAny(patterns, v)).ToList();
        if (refused.Count > 0)
        {
            yield return Violations.Invalid($"{field}.values", refused, string.Join(", ", patterns));
        }
    }
}
