using CertMesh.Contracts;
using CertMesh.Domain.Validation;

namespace CertMesh.Domain.Approval;

/// <summary>Admission for CertificateRequestPolicy resources (approver-policy's webhook); every problem is returned.</summary>
public static class PolicyValidator
{
    public static IReadOnlyList<PolicyRule> Rules { get; } =
    [
        policy => NameRules.Subdomain("metadata.name", policy.Metadata.Name),
        policy => ObjectMetaRules.Labels("metadata.labels", policy.Metadata.Labels),
        policy => ObjectMetaRules.Annotations("metadata.annotations", policy.Metadata.Annotations),
        SelectorRules.OneSelector,
        SelectorRules.IssuerRef,
        SelectorRules.Namespace,
        AllowedRules.Strings,
        AllowedRules.Usages,
        ConstraintRules.Durations,
        ConstraintRules.PrivateKey,
    ];

    /// <summary>Every problem, at most <see cref="FieldErrors.MaxReported"/> of them; a policy over
    /// <see cref="ObjectLimits.MaxObjectBytes"/> is refused on its size alone.</summary>
    public static IReadOnlyList<FieldError> Validate(CertificateRequestPolicy policy) => FieldErrors.Capped(Errors(policy));

    public static IEnumerable<FieldError> Errors(CertificateRequestPolicy policy) =>
        ObjectSize.Check(policy).ToList() is { Count: > 0 } tooLarge ? tooLarge : Rules.SelectMany(rule => rule(policy));
}
