using System.Text.Json;
using CertMesh.Contracts;

namespace CertMesh.Domain.Validation;

/// <summary>
/// <c>spec.acme.solvers[i].dns01</c> as cert-manager's admission checks it: exactly one provider, a known CNAME
/// strategy, and the fields of the providers CertMesh runs (<see cref="Rfc2136SolverRules"/>, <see cref="WebhookSolverRules"/>).
/// </summary>
public static class Dns01SolverRules
{
    public static readonly IReadOnlyList<string> CnameStrategies = ["None", "Follow"];

    public static IReadOnlyList<JsonBlockRule> Rules { get; } =
    [
        ExactlyOneProvider,
        CnameStrategy,
        Rfc2136SolverRules.Rfc2136,
        WebhookSolverRules.Webhook,
    ];

    public static IEnumerable<FieldError> Validate(string field, JsonElement dns01) =>
        dns01.ValueKind == JsonValueKind.Object
            ? Rules.SelectMany(rule => rule(field, dns01))
            : [FieldErrors.Invalid(field, dns01.ValueKind.ToString(), "must be an object")];

    public static IEnumerable<FieldError> ExactlyOneProvider(string field, JsonElement dns01)
    {
        var set = Dns01Providers.All.Where(p => JsonFields.Property(dns01, p) is not null).ToList();
        if (set.Count == 0)
        {
            yield return FieldErrors.Required(field,
                $"no DNS01 provider configured: set one of {string.Join(" or ", Dns01Providers.Supported)} (the providers CertMesh runs)");
        }
        else if (set.Count > 1)
        {
            yield return FieldErrors.Forbidden(field, $"may not specify more than one provider type, got {string.Join(", ", set)}");
        }
    }

    public static IEnumerable<FieldError> CnameStrategy(string field, JsonElement dns01)
    {
        if (JsonFields.Property(dns01, "cnameStrategy") is not { } strategy)
        {
            yield break;
        }
        var value = strategy.ValueKind == JsonValueKind.String ? strategy.GetString() : strategy.GetRawText();
        if (value is { Length: > 0 } && !CnameStrategies.Contains(value))
        {
            yield return FieldErrors.Unsupported($"{field}.cnameStrategy", value, CnameStrategies);
        }
    }
}
