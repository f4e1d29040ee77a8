namespace CertMesh.Trigger.Renewal;

/// <summary>How often the sweep looks for due certificates and how many it takes per pass.</summary>
internal sealed record RenewalSweepOptions(TimeSpan Interval, int BatchSize)
{
    public static RenewalSweepOptions From(IConfiguration configuration) => new(
        TimeSpan.FromMilliseconds(configuration.GetValue("CERTMESH_SWEEP_INTERVAL_MS", 1000)),
        configuration.GetValue("CERTMESH_SWEEP_BATCH", 1000));
}
