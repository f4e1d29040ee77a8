using CertMesh.Contracts;
using CertMesh.Domain.Resources;

namespace CertMesh.Domain.Validation;

/// <summary>
/// Admission for <see cref="IssueCertificate"/>: runs every rule and returns every problem, so a user fixes
/// them in one round trip. An empty list means the command may be stored.
/// </summary>
public static class CertificateValidator
{
    public static IReadOnlyList<CertificateRule> Rules { get; } =
    [
        MetadataRules.Namespace,
        MetadataRules.Name,
        MetadataRules.SecretName,
        MetadataRules.Labels,
        MetadataRules.Annotations,
        MetadataRules.SecretTemplate,
        IssuerRefRules.Name,
        IssuerRefRules.Kind,
        IssuerRefRules.Exists,
        SubjectAltNameRules.AtLeastOneName,
        SubjectAltNameRules.Count,
        SubjectAltNameRules.CommonName,
        SubjectAltNameRules.DnsNames,
        SubjectAltNameRules.IpAddresses,
        SubjectAltNameRules.Uris,
        SubjectAltNameRules.EmailAddresses,
        SubjectRules.Subject,
        DurationRules.Duration,
        DurationRules.RenewBefore,
        DurationRules.RenewBeforeExclusive,
        DurationRules.RenewBeforePercentage,
        PrivateKeyRules.Algorithm,
        PrivateKeyRules.Size,
        PrivateKeyRules.Encoding,
        PrivateKeyRules.RotationPolicy,
        UsageRules.Usages,
        OutputRules.RevisionHistoryLimit,
        OutputRules.AdditionalOutputFormats,
        AcmeRules.WildcardNeedsDns01,
        AcmeRules.NoCa,
        AcmeRules.OnlyDnsAndIpIdentifiers,
        AcmeRules.CommonNameIsASan,
        CsrRules.Size,
        CsrRules.WellFormed,
        CsrRules.Signature,
        CsrRules.KeyAlgorithm,
        CsrRules.OnlyJudgedNames,
        CsrRules.MatchesSpec,
        CsrRules.NoPrivateKeySettings,
    ];

    /// <summary>Every problem, at most <see cref="FieldErrors.MaxReported"/> of them (and how many more). A command over
    /// <see cref="ObjectLimits.MaxObjectBytes"/> is refused on its size alone, before any rule looks inside it.</summary>
    public static IReadOnlyList<FieldError> Validate(IssueCertificate command, IssuerLookup issuer) =>
        FieldErrors.Capped(Errors(command, issuer));

    /// <summary>Every problem, uncapped and lazily, for a caller that caps several objects' errors together.</summary>
    public static IEnumerable<FieldError> Errors(IssueCertificate command, IssuerLookup issuer)
    {
        if (ObjectSize.Check(command).ToList() is { Count: > 0 } tooLarge)
        {
            return tooLarge;
        }
        var context = new CertificateValidationContext(command, issuer);
        return Rules.SelectMany(rule => rule(context));
    }

    /// <summary>For a stored or applied resource (e.g. YAML through the Api), same rules.</summary>
    public static IReadOnlyList<FieldError> Validate(Certificate certificate, IssuerLookup issuer) =>
        Validate(new IssueCertificate
        {
            Namespace = certificate.Metadata.Namespace,
            Name = certificate.Metadata.Name,
            Spec = certificate.Spec,
            Csr = certificate.SuppliedCsr,
            Labels = certificate.Metadata.Labels,
            Annotations = certificate.Metadata.Annotations,
        }, issuer);
}
