using CertMesh.Contracts;
using CertMesh.Domain.Resources;

namespace CertMesh.Domain.Validation;

/// <summary>Identity of an Issuer/ClusterIssuer, the one-signer-type rule, and the in-process signers' settings.</summary>
public static class IssuerRules
{
    public static IEnumerable<FieldError> Kind(Issuer issuer)
    {
        if (issuer.Kind is not (ResourceKinds.Issuer or ResourceKinds.ClusterIssuer))
        {
            yield return FieldErrors.Invalid("kind", issuer.Kind, "must be one of Issuer or ClusterIssuer");
        }
    }

    public static IEnumerable<FieldError> Name(Issuer issuer) => NameRules.Subdomain("metadata.name", issuer.Metadata.Name);

    public static IEnumerable<FieldError> Namespace(Issuer issuer)
    {
        if (issuer.Kind != ResourceKinds.ClusterIssuer)
        {
            return NameRules.Label("metadata.namespace", issuer.Metadata.Namespace);
        }
        return issuer.Metadata.Namespace == ResourceKinds.ClusterNamespace
            ? []
            : [FieldErrors.Forbidden("metadata.namespace", "a ClusterIssuer is cluster-scoped and has no namespace")];
    }

    public static IEnumerable<FieldError> ExactlyOneType(Issuer issuer)
    {
        var spec = issuer.Spec;
        var set = new (string Name, bool IsSet)[]
            {
                ("selfSigned", spec.SelfSigned is not null),
                ("ca", spec.Ca is not null),
                ("acme", spec.Acme is not null),
                ("vault", spec.Vault is not null),
            }
            .Where(t => t.IsSet).Select(t => t.Name).ToList();
        if (set.Count == 0)
        {
            yield return FieldErrors.Required("spec", "one of selfSigned, ca, acme or vault must be set");
        }
        else if (set.Count > 1)
        {
            yield return FieldErrors.Forbidden("spec", $"only one of selfSigned, ca, acme or vault may be set, got {string.Join(", ", set)}");
        }
    }

    public static IEnumerable<FieldError> Ca(Issuer issuer)
    {
        if (issuer.Spec.Ca is not { } ca)
        {
            return [];
        }
        return NameRules.Subdomain("spec.ca.secretName", ca.SecretName)
            .Concat(AbsoluteUris("spec.ca.crlDistributionPoints", ca.CrlDistributionPoints))
            .Concat(AbsoluteUris("spec.ca.ocspServers", ca.OcspServers));
    }

    public static IEnumerable<FieldError> SelfSigned(Issuer issuer) =>
        AbsoluteUris("spec.selfSigned.crlDistributionPoints", issuer.Spec.SelfSigned?.CrlDistributionPoints);

    private static IEnumerable<FieldError> AbsoluteUris(string field, IReadOnlyList<string>? uris)
    {
        for (var i = 0; i < (uris?.Count ?? 0); i++)
        {
            if (!SanSyntax.IsAbsoluteUri(uris![i]))
            {
                yield return FieldErrors.Invalid(FieldErrors.Index(field, i), uris[i], "must be an absolute URI");
            }
        }
    }
}
