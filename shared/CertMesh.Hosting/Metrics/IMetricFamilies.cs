namespace CertMesh.Hosting.Metrics;

/// <summary>
/// Families a service writes itself, after the registry's, at each scrape — for state kept in compact form (one row per
/// resource) rather than as one prometheus-net child per series, which would cost far more memory at fleet size.
/// </summary>
public interface IMetricFamilies
{
    void Write(MetricText text, DateTimeOffset now);
}
