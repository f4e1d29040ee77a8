using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertMesh.Domain.Validation;

namespace CertMesh.Domain.Policies;

/// <summary>
/// For a Secret whose issuing spec is unknown (no recorded hash: adopted or written by hand), reads the
/// certificate and key themselves and compares names and key type with the spec. With a recorded hash the
/// hash decides: an ACME CA may legitimately drop or rewrite the common name, which would loop here.
/// </summary>
public static class SecretContentMismatch
{
    public static PolicyViolation? Check(PolicyInput input)
    {
        if (input.IssuedSpecHash is not null || input.Secret?.Certificate is not { } certificate)
        {
            return null;
        }
        var spec = input.Certificate.Spec;
        X509Names names;
        try
        {
            names = X509Names.Read(certificate.SubjectName, certificate.Extensions.Cast<X509Extension>());
        }
        catch (CryptographicException e)
        {
            return new PolicyViolation(PolicyReasons.SecretMismatch, $"Existing issued Secret has unreadable names: {e.Message}");
        }
        var differences = new List<string>();
        if (!string.IsNullOrEmpty(spec.CommonName) && names.CommonName is not null && names.CommonName != spec.CommonName)
        {
            differences.Add("spec.commonName");
        }
        AddIfDifferent(differences, "spec.dnsNames", names.DnsNames, spec.DnsNames, n => n.ToLowerInvariant());
        AddIfDifferent(differences, "spec.ipAddresses", names.IpAddresses, spec.IpAddresses, ip => SanSyntax.NormalizeIp(ip) ?? ip);
        AddIfDifferent(differences, "spec.uris", names.Uris, spec.Uris, u => u);
        AddIfDifferent(differences, "spec.emailAddresses", names.EmailAddresses, spec.EmailAddresses, e => e);
        if (input.Certificate.SuppliedCsr is null && input.Secret.PrivateKey is { } key &&
            PublicKeys.Describe(key) is { } actual && CertificateDefaults.Resolve(spec) is var wanted &&
            (actual.Algorithm != wanted.KeyAlgorithm || actual.Size != wanted.KeySize))
        {
            differences.Add("spec.privateKey");
        }
        return differences.Count == 0
            ? null
            : new PolicyViolation(PolicyReasons.SecretMismatch,
                $"Existing issued Secret is not up to date for spec: [{string.Join(", ", differences)}]");
    }

    private static void AddIfDifferent(List<string> differences, string field, IReadOnlyList<string> inCertificate,
        IReadOnlyList<string>? inSpec, Func<string, string> normalize)
    {
        var actual = inCertificate.Select(normalize).ToHashSet(StringComparer.Ordinal);
        if (!actual.SetEquals((inSpec ?? []).Where(v => v is not null).Select(normalize)))
        {
            differences.Add(field);
        }
    }
}
