using CertMesh.Contracts;

namespace CertMesh.Domain.Validation;

/// <summary>
/// What an ACME CA cannot issue, refused up front instead of failing minutes later at the CA: ACME orders carry
/// only DNS and IP identifiers (RFC 8555, RFC 8738), public CAs never issue CA certificates, and a wildcard can
/// only be proven with DNS-01.
/// </summary>
public static class AcmeRules
{
    public static IEnumerable<FieldError> WildcardNeedsDns01(CertificateValidationContext context)
    {
        if (!context.IsAcme || !context.Issuer.AcmeHttp01Only)
        {
            yield break;
        }
        var names = context.Spec.DnsNames ?? [];
        for (var i = 0; i < names.Count; i++)
        {
            if (names[i] is { } name && DnsNameSyntax.IsWildcard(name))
            {
                yield return FieldErrors.Invalid(FieldErrors.Index("spec.dnsNames", i), name,
                    $"wildcard names can only be validated with DNS-01, but ACME issuer {ValueExcerpt.Quote(context.Spec.IssuerRef.Name)} has only HTTP-01 solvers");
            }
        }
    }

    public static IEnumerable<FieldError> NoCa(CertificateValidationContext context)
    {
        if (context.IsAcme && context.Spec.IsCA)
        {
            yield return FieldErrors.Forbidden("spec.isCA", "an ACME issuer cannot issue CA certificates");
        }
    }

    public static IEnumerable<FieldError> OnlyDnsAndIpIdentifiers(CertificateValidationContext context)
    {
        if (!context.IsAcme)
        {
            yield break;
        }
        if (context.Spec.EmailAddresses is { Count: > 0 })
        {
            yield return FieldErrors.Forbidden("spec.emailAddresses",
                "an ACME issuer only issues DNS names and IP addresses; email addresses cannot be requested");
        }
        if (context.Spec.Uris is { Count: > 0 })
        {
            yield return FieldErrors.Forbidden("spec.uris",
                "an ACME issuer only issues DNS names and IP addresses; URIs cannot be requested");
        }
    }

    /// <summary>ACME CAs reject a CSR whose common name is not also one of its SANs.</summary>
    public static IEnumerable<FieldError> CommonNameIsASan(CertificateValidationContext context)
    {
        var commonName = context.Spec.CommonName;
        if (!context.IsAcme || string.IsNullOrEmpty(commonName))
        {
            yield break;
        }
        var inDns = (context.Spec.DnsNames ?? []).Contains(commonName, StringComparer.OrdinalIgnoreCase);
        var ip = SanSyntax.NormalizeIp(commonName);
        var inIps = ip is not null && (context.Spec.IpAddresses ?? []).Any(a => SanSyntax.NormalizeIp(a) == ip);
        if (!inDns && !inIps)
        {
            yield return FieldErrors.Invalid("spec.commonName", commonName,
                "with an ACME issuer the commonName must also be listed in dnsNames or ipAddresses");
        }
    }
}
