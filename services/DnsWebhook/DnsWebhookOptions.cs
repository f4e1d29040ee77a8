using CertMesh.Domain.Durations;
using CertMesh.DnsWebhook.Providers.Webhook;

namespace CertMesh.DnsWebhook;

/// <summary>The service's tunables, from configuration (environment variables) with cert-manager's defaults.</summary>
internal sealed record DnsWebhookOptions
{
    /// <summary>Where a ClusterIssuer's Secrets live (cert-manager's <c>--cluster-resource-namespace</c>).</summary>
    public string ClusterResourceNamespace { get; init; } = "cert-manager";

    /// <summary>How many changes one replica makes at once; each waits on a DNS server or a webhook, not on the CPU.</summary>
    public int Concurrency { get; init; } = 16;

    /// <summary>Where the webhook solver of each <c>groupName</c> listens (cert-manager finds it through the API server).</summary>
    public WebhookEndpoints Webhooks { get; init; } = WebhookEndpoints.None;

    /// <summary>cert-manager's webhook client allows 30 s per call.</summary>
    public TimeSpan WebhookTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Per UDP/TCP attempt; a zone's primary answers an update in milliseconds.</summary>
    public TimeSpan DnsTimeout { get; init; } = TimeSpan.FromSeconds(5);

    public static DnsWebhookOptions From(IConfiguration configuration)
    {
        var defaults = new DnsWebhookOptions();
        return new DnsWebhookOptions
        {
            ClusterResourceNamespace = configuration["CERTMESH_CLUSTER_RESOURCE_NAMESPACE"] is { Length: > 0 } ns ? ns : defaults.ClusterResourceNamespace,
            Concurrency = configuration.GetValue("CERTMESH_DNS_CONCURRENCY", defaults.Concurrency) is > 0 and var concurrency ? concurrency : defaults.Concurrency,
            Webhooks = WebhookEndpoints.Parse(configuration[WebhookEndpoints.Variable]),
            WebhookTimeout = Duration(configuration, "CERTMESH_DNS_WEBHOOK_TIMEOUT", defaults.WebhookTimeout),
            DnsTimeout = Duration(configuration, "CERTMESH_DNS_UPDATE_TIMEOUT", defaults.DnsTimeout),
        };
    }

    // Go durations, as everywhere else in CertMesh ("30s", "1500ms"); a bad value stops the service at start-up.
    static TimeSpan Duration(IConfiguration configuration, string name, TimeSpan fallback) =>
        configuration[name] is not { Length: > 0 } value ? fallback
        : GoDuration.TryParse(value, out var parsed, out var error) && parsed > TimeSpan.Zero ? parsed
        : throw new InvalidOperationException($"{name}: {(error.Length > 0 ? error : "must be positive")}");
}
