using System.Text.Json.Nodes;

namespace CertMesh.WebhookSolver.Tests.Support;

/// <summary>ChallengePayloads shaped exactly as cert-manager sends them, pointing at the local BIND by default.</summary>
internal static class Payloads
{
    public static JsonObject BindConfig() => new() { ["nameserver"] = Bind.Server.ToString() };

    public static JsonObject Present(string fqdn, string key, JsonNode? config = null, string? uid = null) =>
        Challenge("Present", fqdn, key, config, uid);

    public static JsonObject CleanUp(string fqdn, string key, JsonNode? config = null, string? uid = null) =>
        Challenge("CleanUp", fqdn, key, config, uid);

    public static JsonObject Challenge(string action, string fqdn, string key, JsonNode? config = null, string? uid = null, string? zone = null) => new()
    {
        ["apiVersion"] = "webhook.acme.cert-manager.io/v1alpha1",
        ["kind"] = "ChallengePayload",
        ["request"] = new JsonObject
        {
            ["uid"] = uid ?? Guid.NewGuid().ToString(),
            ["action"] = action,
            ["type"] = "dns-01",
            ["dnsName"] = "webhook.example.test",
            ["key"] = key,
            ["resourceNamespace"] = "default",
            ["resolvedFQDN"] = fqdn,
            ["resolvedZone"] = zone ?? Bind.Zone,
            ["allowAmbientCredentials"] = false,
            ["config"] = config?.DeepClone() ?? BindConfig(),
        },
    };
}
