using CertMesh.Domain.Resources;

namespace CertMesh.Api.Manifests;

/// <summary>What cert-manager's webhook checks on an issuer spec: exactly one issuer type, and its required fields.</summary>
internal static class IssuerRules
{
    public static IEnumerable<(string Field, string Message)> Check(IssuerSpec spec)
    {
        var types = new[] { spec.SelfSigned is not null, spec.Ca is not null, spec.Acme is not null, spec.Vault is not null };
        var count = types.Count(set => set);
        if (count == 0)
            yield return ("spec", "no issuer type set: exactly one of selfSigned, ca, acme or vault is required");
        else if (count > 1)
            yield return ("spec", "more than one issuer type set: exactly one of selfSigned, ca, acme or vault is allowed");
        if (spec.Ca is { SecretName: "" })
            yield return ("spec.ca.secretName", "required field is missing");
    }
}
