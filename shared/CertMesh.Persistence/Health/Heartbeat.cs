namespace CertMesh.Persistence.Health;

/// <summary>
/// One replica's latest ready-check result: <paramref name="Status"/> is a HealthStatus name (Healthy, Degraded,
/// Unhealthy) or <see cref="Stopped"/>; <paramref name="Detail"/> names the failing checks, empty when healthy.
/// </summary>
public sealed record Heartbeat(string Service, string Replica, string Status, string Detail, DateTimeOffset StartedAt, DateTimeOffset SeenAt)
{
    public const string Healthy = "Healthy";
    /// <summary>Written by a replica that shut down cleanly, so it is reported at once rather than when it goes stale.</summary>
    public const string Stopped = "Stopped";
}
