using System.Text.Json;

namespace CertMesh.DnsWebhook.Config;

/// <summary><c>dns01.webhook</c>: <c>groupName</c> and <c>solverName</c> required; <c>config</c> is the solver's own business.</summary>
internal static class WebhookConfigReader
{
    public static WebhookConfig Read(JsonElement webhook, List<string> errors)
    {
        const string field = WebhookConfig.Field;
        if (webhook.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"{field}: must be an object");
            return new WebhookConfig("", "", null);
        }
        var group = JsonFields.RequiredString(webhook, "groupName", $"{field}.groupName", errors, "the API group the solver serves");
        var solver = JsonFields.RequiredString(webhook, "solverName", $"{field}.solverName", errors, "the solver's name within its group");
        // Cloned: the element must outlive the document it was parsed from.
        JsonElement? config = webhook.TryGetProperty("config", out var value) && value.ValueKind != JsonValueKind.Null ? value.Clone() : null;
        return new WebhookConfig(group, solver, config);
    }
}
