namespace CertMesh.AcmeOrder;

/// <summary>The service's tunables, from configuration (environment variables) with cert-manager's defaults.</summary>
internal sealed record AcmeOrderOptions
{
    /// <summary>Where a ClusterIssuer's Secrets live (cert-manager's <c>--cluster-resource-namespace</c>).</summary>
    public string ClusterResourceNamespace { get; init; } = "cert-manager";

    /// <summary>How often one CreateAcmeOrder is re-tried after transient CA answers before the order fails.</summary>
    public int MaxCreateAttempts { get; init; } = 8;

    /// <summary>How long after its creation an order whose finalization keeps meeting transient answers is given up.</summary>
    public TimeSpan FinalizeRetryWindow { get; init; } = TimeSpan.FromHours(1);

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
            MaxCreateAttempts = configuration.GetValue("CERTMESH_ACME_ORDER_MAX_ATTEMPTS", defaults.MaxCreateAttempts),
            FinalizeRetryWindow = TimeSpan.FromMinutes(configuration.GetValue("CERTMESH_ACME_FINALIZE_RETRY_MINUTES", defaults.FinalizeRetryWindow.TotalMinutes)),
            FinalizeSettle = TimeSpan.FromMilliseconds(configuration.GetValue("CERTMESH_ACME_FINALIZE_SETTLE_MS", defaults.FinalizeSettle.TotalMilliseconds)),
        };
    }
}
