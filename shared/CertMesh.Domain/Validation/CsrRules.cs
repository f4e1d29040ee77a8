using CertMesh.Contracts;

namespace CertMesh.Domain.Validation;

/// <summary>
/// A requester-supplied CSR: it must be a real, self-consistent PKCS#10 request for exactly the names in the
/// spec (the spec is what is stored, shown and renewed), and the key settings must be absent because the
/// requester keeps the key.
/// </summary>
public static class CsrRules
{
    private const string Field = "csr";

    public static IEnumerable<FieldError> Size(CertificateValidationContext context)
    {
        if (context.CsrTooLong)
        {
            yield return FieldErrors.TooLong(Field, context.Command.Csr!.Length, CertificateLimits.MaxCsrLength, "characters", nameof(CertificateLimits.MaxCsrLength));
        }
    }

    public static IEnumerable<FieldError> WellFormed(CertificateValidationContext context)
    {
        if (context.Command.Csr is not null && !context.CsrTooLong && context.Csr is null)
        {
            yield return new FieldError(Field, $"not a valid PEM-encoded PKCS#10 certificate request: {context.CsrError}");
        }
    }

    public static IEnumerable<FieldError> Signature(CertificateValidationContext context)
    {
        if (context.Csr is { SignatureValid: false })
        {
            yield return new FieldError(Field, "the csr signature does not verify with its own public key (the request was altered or corrupted)");
        }
    }

    public static IEnumerable<FieldError> KeyAlgorithm(CertificateValidationContext context)
    {
        if (context.Csr is { } csr && !KeyAlgorithms.Supported.Contains(csr.KeyAlgorithm))
        {
            yield return new FieldError(Field, $"the csr public key algorithm {csr.KeyAlgorithm} is not supported; use an RSA or ECDSA key");
        }
    }

    /// <summary>A signer copies the CSR's subject and names: everything in them must be something the spec, validation
    /// and approval policies judge.</summary>
    public static IEnumerable<FieldError> OnlyJudgedNames(CertificateValidationContext context)
    {
        if (context.Csr is { Names.Unjudged: { Count: > 0 } unjudged })
        {
            yield return new FieldError(Field, $"the csr carries {string.Join(", ", unjudged.Distinct().Take(5))}: CertMesh signs only names it can judge (one commonName, organization, organizationalUnit, country, locality, province, street, postalCode, serialNumber; DNS, IP, URI and email SANs)");
        }
    }

    public static IEnumerable<FieldError> MatchesSpec(CertificateValidationContext context)
    {
        if (context.Csr is not { } csr)
        {
            yield break;
        }
        var spec = context.Spec;
        if ((csr.Names.CommonName ?? "") != (spec.CommonName ?? ""))
        {
            yield return new FieldError(Field,
                $"the csr commonName {ValueExcerpt.Quote(csr.Names.CommonName ?? "")} differs from spec.commonName {ValueExcerpt.Quote(spec.CommonName ?? "")}");
        }
        var differences = new[]
        {
            Compare("dnsNames", csr.Names.DnsNames, spec.DnsNames, n => n.ToLowerInvariant()),
            Compare("ipAddresses", csr.Names.IpAddresses, spec.IpAddresses, ip => SanSyntax.NormalizeIp(ip) ?? ip),
            Compare("uris", csr.Names.Uris, spec.Uris, u => u),
            Compare("emailAddresses", csr.Names.EmailAddresses, spec.EmailAddresses, e => e),
        };
        foreach (var difference in differences.OfType<string>())
        {
            yield return new FieldError(Field, difference);
        }
    }

    public static IEnumerable<FieldError> NoPrivateKeySettings(CertificateValidationContext context)
    {
        var key = context.Spec.PrivateKey;
        if (context.Command.Csr is not null && key is not null &&
            (key.Algorithm ?? key.Encoding ?? (object?)key.Size) is not null)
        {
            yield return FieldErrors.Forbidden("spec.privateKey",
                "only rotationPolicy may be set together with csr: the requester keeps its private key, so CertMesh generates none");
        }
    }

    private static string? Compare(string name, IReadOnlyList<string> inCsr, IReadOnlyList<string>? inSpec, Func<string, string> normalize)
    {
        var csrSet = inCsr.Select(normalize).ToHashSet(StringComparer.Ordinal);
        var specSet = (inSpec ?? []).Where(v => v is not null).Select(normalize).ToHashSet(StringComparer.Ordinal);
        var onlyCsr = csrSet.Except(specSet).Order(StringComparer.Ordinal).ToList();
        var onlySpec = specSet.Except(csrSet).Order(StringComparer.Ordinal).ToList();
        if (onlyCsr.Count == 0 && onlySpec.Count == 0)
        {
            return null;
        }
        var parts = new List<string>();
        if (onlyCsr.Count > 0)
        {
            parts.Add($"only in the csr: {Some(onlyCsr)}");
        }
        if (onlySpec.Count > 0)
        {
            parts.Add($"only in spec.{name}: {Some(onlySpec)}");
        }
        return $"the csr {name} differ from spec.{name} ({string.Join("; ", parts)})";
    }

    /// <summary>The first few names, each cut short: the message stays small however many names differ.</summary>
    private static string Some(IReadOnlyList<string> names)
    {
        const int shown = 10;
        var text = string.Join(", ", names.Take(shown).Select(n => ValueExcerpt.Short(n)));
        return names.Count > shown ? $"{text} and {names.Count - shown} more" : text;
    }
}
