using System.Text.Json;
using System.Text.Json.Serialization;

namespace CertMesh.DnsWebhook.Providers.Webhook;

/// <summary>
/// cert-manager's <c>webhook.acme.cert-manager.io/v1alpha1</c> <c>ChallengePayload</c>: the request CertMesh posts and
/// the response a solver returns in the same envelope. Field names are the Go struct's JSON tags.
/// </summary>
internal sealed record ChallengePayload
{
    public const string ApiVersionValue = "webhook.acme.cert-manager.io/v1alpha1";
    public const string KindValue = "ChallengePayload";

    [JsonPropertyName("apiVersion")] public string ApiVersion { get; init; } = ApiVersionValue;
    [JsonPropertyName("kind")] public string Kind { get; init; } = KindValue;
    [JsonPropertyName("request"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public ChallengeRequest? Request { get; init; }
    [JsonPropertyName("response"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public ChallengeResponse? Response { get; init; }
}

internal sealed record ChallengeRequest
{
    [JsonPropertyName("uid")] public string Uid { get; init; } = "";
    [JsonPropertyName("action")] public string Action { get; init; } = "";
    [JsonPropertyName("type")] public string Type { get; init; } = "dns-01";
    [JsonPropertyName("dnsName")] public string DnsName { get; init; } = "";
    [JsonPropertyName("key")] public string Key { get; init; } = "";
    [JsonPropertyName("resourceNamespace")] public string ResourceNamespace { get; init; } = "";
    [JsonPropertyName("resolvedFQDN")] public string ResolvedFqdn { get; init; } = "";
    [JsonPropertyName("resolvedZone")] public string ResolvedZone { get; init; } = "";
    // CertMesh has no ambient (pod) credentials to offer, so a solver must use what its config names.
    [JsonPropertyName("allowAmbientCredentials")] public bool AllowAmbientCredentials { get; init; }
    [JsonPropertyName("config")] public JsonElement? Config { get; init; }
}

internal sealed record ChallengeResponse
{
    [JsonPropertyName("uid")] public string? Uid { get; init; }
    [JsonPropertyName("success")] public bool Success { get; init; }
    [JsonPropertyName("status")] public WebhookStatus? Status { get; init; }
}

/// <summary>The parts of a Kubernetes <c>metav1.Status</c> a failure report needs.</summary>
internal sealed record WebhookStatus
{
    [JsonPropertyName("message")] public string? Message { get; init; }
    [JsonPropertyName("reason")] public string? Reason { get; init; }
    [JsonPropertyName("code")] public int Code { get; init; }
}
