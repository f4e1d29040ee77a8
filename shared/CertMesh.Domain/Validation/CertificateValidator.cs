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
        IssuerRefRules.Name,
        IssuerRefRules.Kind,
        IssuerRefRules.Exists,
        SubjectAltNameRules.AtLeastOneName,
        SubjectAltNameRules.CommonName,
        SubjectAltNameRules.DnsNames,
        SubjectAltNameRules.IpAddresses,
        SubjectAltNameRules.Uris,
        SubjectAltNameRules.EmailAddresses,
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
        CsrRules.WellFormed,
        CsrRules.Signature,
        CsrRules.KeyAlgorithm,
        CsrRules.MatchesSpec,
        CsrRules.NoPrivateKeySettings,
    ];

    public static IReadOnlyList<FieldError> Validate(IssueCertificate command, IssuerLookup issuer)
    {
        var context = new CertificateValidationContext(command, issuer);
        return Rules.SelectMany(rule => rule(context)).ToList();
    }

    /// <summary>For a stored or applied resource (e.g. YAML through the Api), same rules.</summary>
    public static IReadOnlyList<FieldError> Validate(Certificate certificate, IssuerLookup issuer) =>
        Validate(new IssueCertificate
        {
            Namespace = certificate.Metadata.Namespace,
            Name = certificate.Metadata.Name,
            Spec = certificate.Spec,
            Csr = certificate.SuppliedCsr,
        }, issuer);
}
