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
        IssuerRules.ExactlyOneType,
        IssuerRules.SelfSigned,
        IssuerRules.Ca,
        AcmeIssuerRules.Acme,
        VaultIssuerRules.Vault,
    ];

    public static IReadOnlyList<FieldError> Validate(Issuer issuer) => Rules.SelectMany(rule => rule(issuer)).ToList();
}
