using System.Text.Json;
using CertMesh.Contracts;
using CertMesh.Domain.Resources;

namespace CertMesh.Domain.Validation;

/// <summary><c>spec.acme</c>, still raw JSON: the fields without which no account or order can be made, and each solver
/// (one challenge type; a <c>dns01</c> block as <see cref="Dns01SolverRules"/> checks it).</summary>
public static class AcmeIssuerRules
{
    public static IEnumerable<FieldError> Acme(Issuer issuer)
    {
        if (issuer.Spec.Acme is not { } acme)
        {
            yield break;
        }
        if (acme.ValueKind != JsonValueKind.Object)
        {
            yield return FieldErrors.Invalid("spec.acme", acme.ValueKind.ToString(), "must be an object");
            yield break;
        }
        var server = JsonFields.String(acme, "server");
        if (string.IsNullOrEmpty(server))
        {
            yield return FieldErrors.Required("spec.acme.server", "the ACME directory URL");
        }
        else if (!JsonFields.IsHttpUrl(server))
        {
            yield return FieldErrors.Invalid("spec.acme.server", server, "must be an absolute https URL of an ACME directory");
        }
        if (JsonFields.String(acme, "email") is { Length: > 0 } email && !SanSyntax.IsEmailAddress(email))
        {
            yield return FieldErrors.Invalid("spec.acme.email", email, "invalid email address");
        }
        foreach (var error in NameRules.Subdomain("spec.acme.privateKeySecretRef.name",
                     JsonFields.String(JsonFields.Property(acme, "privateKeySecretRef"), "name")))
        {
            yield return error;
        }
        foreach (var error in Solvers(JsonFields.Property(acme, "solvers")))
        {
            yield return error;
        }
    }

    private static IEnumerable<FieldError> Solvers(JsonElement? solvers)
    {
        if (solvers is not { ValueKind: JsonValueKind.Array } array)
        {
            yield break;
        }
        var i = 0;
        foreach (var solver in array.EnumerateArray())
        {
            var field = FieldErrors.Index("spec.acme.solvers", i++);
            var types = new[] { "http01", "dns01" }.Where(t => JsonFields.Property(solver, t) is not null).ToList();
            if (types.Count == 0)
            {
                yield return FieldErrors.Required(field, "no solver type configured: set http01 or dns01");
            }
            else if (types.Count > 1)
            {
                yield return FieldErrors.Forbidden(field, "only one solver type may be configured per solver, got http01 and dns01");
            }
            if (JsonFields.Property(solver, "dns01") is { } dns01)
            {
                foreach (var error in Dns01SolverRules.Validate($"{field}.dns01", dns01))
                {
                    yield return error;
                }
            }
        }
    }
}
