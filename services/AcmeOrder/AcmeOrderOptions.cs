using CertMesh.AcmeOrder.Retries;

namespace CertMesh.AcmeOrder;

/// <summary>The service's tunables, from configuration (environment variables) with cert-manager's defaults.</summary>
internal sealed record AcmeOrderOptions
{
    /// <summary>Where a ClusterIssuer's Secrets live (cert-manager's <c>--cluster-resource-namespace</c>).</summary>
    public string ClusterResourceNamespace { get; init; } = "cert-manager";

    /// <summary>The short back-off of creating and finalizing an order after transient CA failures.</summary>
    public TransientRetry Retry { get; init; } = new();

    /// <summary>
    /// How long to leave a just-finalized order alone before polling it. Pebble 2.4 deadlocks for good when an order
    /// is read while its certificate is being stored (its store lock is taken before the order's lock on one path
    /// and after it on the other), so the first poll waits until issuing is normally over.
    /// </summary>
    public TimeSpan FinalizeSettle { get; init; } = TimeSpan.FromSeconds(1);

    public static AcmeOrderOptions From(IConfiguration configuration)
    {
        var defaults = new AcmeOrderOptions();
        return new AcmeOrderOptions
        {
            ClusterResourceNamespace = configuration["CERTMESH_CLUSTER_RESOURCE_NAMESPACE"] is { Length: > 0 } ns ? ns : defaults.ClusterResourceNamespace,
            Retry = defaults.Retry with { MaxAttempts = configuration.GetValue("CERTMESH_ACME_ORDER_MAX_ATTEMPTS", defaults.Retry.MaxAttempts) },
            FinalizeSettle = TimeSpan.FromMilliseconds(configuration.GetValue("CERTMESH_ACME_FINALIZE_SETTLE_MS", defaults.FinalizeSettle.TotalMilliseconds)),
        };
    }
}
