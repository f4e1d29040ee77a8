using System.Text.Json;
using CertMesh.Contracts;
using CertMesh.Domain.Resources;

namespace CertMesh.Domain.Validation;

/// <summary><c>spec.vault</c>, still raw JSON: where Vault is and which PKI path signs.</summary>
public static class VaultIssuerRules
{
    public static IEnumerable<FieldError> Vault(Issuer issuer)
    {
        if (issuer.Spec.Vault is not { } vault)
        {
            yield break;
        }
        if (vault.ValueKind != JsonValueKind.Object)
        {
            yield return FieldErrors.Invalid("spec.vault", vault.ValueKind.ToString(), "must be an object");
            yield break;
        }
        var server = JsonFields.String(vault, "server");
        if (string.IsNullOrEmpty(server))
        {
            yield return FieldErrors.Required("spec.vault.server");
        }
        else if (!JsonFields.IsHttpUrl(server))
        {
            yield return FieldErrors.Invalid("spec.vault.server", server, "must be an absolute http(s) URL");
        }
        if (string.IsNullOrEmpty(JsonFields.String(vault, "path")))
        {
            yield return FieldErrors.Required("spec.vault.path", "the Vault PKI signing path, e.g. 'pki_int/sign/example-dot-com'");
        }
    }
}
