using Prometheus;

namespace CertMesh.Hosting.Metrics;

/// <summary>
/// This process's metrics: a registry of its own (not prometheus-net's static default, so a test host or a second host
/// in one process starts from zero) with the process and runtime series every service exports.
/// </summary>
public sealed class CertMeshMetrics
{
    public CertMeshMetrics()
    {
        Registry = Prometheus.Metrics.NewCustomRegistry();
        Factory = Prometheus.Metrics.WithCustomRegistry(Registry);
        DotNetStats.Register(Registry);
    }

    public CollectorRegistry Registry { get; }

    public IMetricFactory Factory { get; }
}
