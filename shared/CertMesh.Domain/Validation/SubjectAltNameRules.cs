using System.Text;
using CertMesh.Contracts;

namespace CertMesh.Domain.Validation;

/// <summary>The names the certificate is for: something must be named, and every name must be usable.</summary>
public static class SubjectAltNameRules
{
    public static IEnumerable<FieldError> AtLeastOneName(CertificateValidationContext context)
    {
        var spec = context.Spec;
        if (string.IsNullOrEmpty(spec.CommonName) && IsEmpty(spec.DnsNames) && IsEmpty(spec.Uris) &&
            IsEmpty(spec.EmailAddresses) && IsEmpty(spec.IpAddresses))
        {
            yield return new FieldError("spec",
                "at least one of commonName, dnsNames, uris, emailAddresses, ipAddresses must be set");
        }
    }

    /// <summary>At most <see cref="CertificateLimits.MaxSubjectAltNames"/>, reported on the one list when only one is set.</summary>
    public static IEnumerable<FieldError> Count(CertificateValidationContext context)
    {
        var spec = context.Spec;
        (string Field, int Count)[] lists =
        [
            ("spec.dnsNames", spec.DnsNames?.Count ?? 0),
            ("spec.ipAddresses", spec.IpAddresses?.Count ?? 0),
            ("spec.uris", spec.Uris?.Count ?? 0),
            ("spec.emailAddresses", spec.EmailAddresses?.Count ?? 0),
        ];
        var total = lists.Sum(l => l.Count);
        if (total > CertificateLimits.MaxSubjectAltNames)
        {
            var used = lists.Where(l => l.Count > 0).ToList();
            var field = used.Count == 1 ? used[0].Field : "spec";
            yield return FieldErrors.TooMany(field, total, CertificateLimits.MaxSubjectAltNames, nameof(CertificateLimits.MaxSubjectAltNames),
                "subject alternative names (dnsNames, ipAddresses, uris and emailAddresses together)");
        }
    }

    public static IEnumerable<FieldError> CommonName(CertificateValidationContext context)
    {
        var commonName = context.Spec.CommonName;
        var bytes = commonName is null ? 0 : Encoding.UTF8.GetByteCount(commonName);
        if (bytes > CertificateLimits.MaxCommonNameLength)
        {
            yield return FieldErrors.Invalid("spec.commonName", commonName,
                $"must have at most {CertificateLimits.MaxCommonNameLength} bytes (X.509 ub-common-name), got {bytes}");
        }
    }

    public static IEnumerable<FieldError> DnsNames(CertificateValidationContext context) =>
        Each(context.Spec.DnsNames, "spec.dnsNames", name => DnsNameSyntax.Errors(name))
            .Concat(Duplicates(context.Spec.DnsNames, "spec.dnsNames", n => n.ToLowerInvariant()));

    public static IEnumerable<FieldError> IpAddresses(CertificateValidationContext context) =>
        Each(context.Spec.IpAddresses, "spec.ipAddresses",
                ip => SanSyntax.NormalizeIp(ip) is null ? ["invalid IP address"] : [])
            .Concat(Duplicates(context.Spec.IpAddresses, "spec.ipAddresses", ip => SanSyntax.NormalizeIp(ip) ?? ip));

    public static IEnumerable<FieldError> Uris(CertificateValidationContext context) =>
        Each(context.Spec.Uris, "spec.uris",
                uri => uri.Length > CertificateLimits.MaxUriLength
                    ? [$"must be no more than {CertificateLimits.MaxUriLength} characters, got {uri.Length} (limit {nameof(CertificateLimits.MaxUriLength)})"]
                    : SanSyntax.IsAbsoluteUri(uri) ? [] : ["must be an absolute URI with a scheme (e.g. 'spiffe://cluster.local/ns/a/sa/b')"])
            .Concat(Duplicates(context.Spec.Uris, "spec.uris", u => u));

    public static IEnumerable<FieldError> EmailAddresses(CertificateValidationContext context) =>
        Each(context.Spec.EmailAddresses, "spec.emailAddresses",
                email => email.Length > CertificateLimits.MaxEmailAddressLength
                    ? [$"must be no more than {CertificateLimits.MaxEmailAddressLength} characters, got {email.Length} (limit {nameof(CertificateLimits.MaxEmailAddressLength)})"]
                    : SanSyntax.IsEmailAddress(email) ? [] : ["invalid email address (a bare address such as 'ops@example.com')"])
            .Concat(Duplicates(context.Spec.EmailAddresses, "spec.emailAddresses", e => e));

    private static IEnumerable<FieldError> Each(IReadOnlyList<string>? values, string field, Func<string, IReadOnlyList<string>> errors)
    {
        for (var i = 0; i < (values?.Count ?? 0); i++)
        {
            foreach (var error in errors(values![i] ?? ""))
            {
                yield return FieldErrors.Invalid(FieldErrors.Index(field, i), values[i], error);
            }
        }
    }

    /// <summary>Reported at the later occurrence, so the first stays the one to keep.</summary>
    private static IEnumerable<FieldError> Duplicates(IReadOnlyList<string>? values, string field, Func<string, string> key)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < (values?.Count ?? 0); i++)
        {
            var value = values![i] ?? "";
            if (value.Length > 0 && !seen.Add(key(value)))
            {
                yield return FieldErrors.Duplicate(FieldErrors.Index(field, i), value);
            }
        }
    }

    private static bool IsEmpty(IReadOnlyList<string>? values) => values is null || values.Count == 0;
}
