using System.Text.Json;
using CertMesh.Contracts;

namespace CertMesh.Domain.Validation;

/// <summary>
/// <c>dns01.webhook</c>: an external solver named by its API group (<c>groupName</c>) and name (<c>solverName</c>);
/// its <c>config</c> is the solver's own business and passes through unchecked.
/// </summary>
public static class WebhookSolverRules
{
    private static readonly JsonBlockRule[] ProviderRules = [GroupName, SolverName];

    public static IEnumerable<FieldError> Webhook(string field, JsonElement dns01)
    {
        if (JsonFields.Property(dns01, Dns01Providers.Webhook) is not { } webhook)
        {
            return [];
        }
        field = $"{field}.{Dns01Providers.Webhook}";
        return webhook.ValueKind == JsonValueKind.Object
            ? ProviderRules.SelectMany(rule => rule(field, webhook))
            : [FieldErrors.Invalid(field, webhook.ValueKind.ToString(), "must be an object")];
    }

    public static IEnumerable<FieldError> GroupName(string field, JsonElement webhook)
    {
        var group = JsonFields.String(webhook, "groupName");
        if (string.IsNullOrWhiteSpace(group))
        {
            return [FieldErrors.Required($"{field}.groupName", "the API group the webhook solver serves, e.g. acme.example.com")];
        }
        return KubernetesNames.SubdomainErrors(group).Select(e => FieldErrors.Invalid($"{field}.groupName", group, $"an API group name: {e}"));
    }

    public static IEnumerable<FieldError> SolverName(string field, JsonElement webhook)
    {
        if (string.IsNullOrWhiteSpace(JsonFields.String(webhook, "solverName")))
        {
            yield return FieldErrors.Required($"{field}.solverName", "the solver's name within its group, e.g. dnspod");
        }
    }
}
