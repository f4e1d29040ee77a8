using CertMesh.Contracts;
using CertMesh.Domain.Resources;

namespace CertMesh.Domain.Validation;

/// <summary>Admission for Issuer/ClusterIssuer resources; every problem is returned, not just the first.</summary>
public static class IssuerValidator
{
    public static IReadOnlyList<IssuerRule> Rules { get; } =
    [
        IssuerRules.Kind,
        IssuerRules.Namespace,
        IssuerRules.Name,
        issuer => ObjectMetaRules.Labels("metadata.labels", issuer.Metadata.Labels),
        issuer => ObjectMetaRules.Annotations("metadata.annotations", issuer.Metadata.Annotations),
        IssuerRules.ExactlyOneType,
        IssuerRules.SelfSigned,
        IssuerRules.Ca,
        AcmeIssuerRules.Acme,
        VaultIssuerRules.Vault,
    ];

    /// <summary>Every problem, at most <see cref="FieldErrors.MaxReported"/> of them; an Issuer over
    /// <see cref="ObjectLimits.MaxObjectBytes"/> is refused on its size alone.</summary>
    public static IReadOnlyList<FieldError> Validate(Issuer issuer) => FieldErrors.Capped(Errors(issuer));

    /// <summary>Every problem, uncapped and lazily, for a caller that caps several objects' errors together.</summary>
    public static IEnumerable<FieldError> Errors(Issuer issuer) =>
        ObjectSize.Check(issuer).ToList() is { Count: > 0 } tooLarge ? tooLarge : Rules.SelectMany(rule => rule(issuer));
}
