namespace CertMesh.Testing;

/// <summary>One process a test Prometheus scrapes at <c>/metrics</c>: <paramref name="Job"/> is the service,
/// <paramref name="Instance"/> the process (ChallengeSolver@2), as deploy/local/lib/prometheus.sh labels them.</summary>
public sealed record PrometheusTarget(string Job, string Instance, Uri BaseAddress)
{
    /// <summary>host:port, what a static_config lists.</summary>
    public string Address => $"{BaseAddress.Host}:{BaseAddress.Port}";
}
