using CertMesh.Domain.Durations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace CertMesh.Hosting.Health;

/// <summary>
/// Who writes the heartbeat and how often: the service is the entry assembly without "CertMesh." (Trigger, Issuing…),
/// the replica is CERTMESH_REPLICA_ID (deploy/local names them Trigger, ChallengeSolver@2…) or else host:pid, and the
/// interval is CERTMESH_HEARTBEAT_INTERVAL (a Go duration, 5s by default). The Api reads the same interval to decide
/// when a heartbeat is stale.
/// </summary>
public sealed record HeartbeatOptions(string Service, string Replica, TimeSpan Interval)
{
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(5);
    /// <summary>A replica silent this long is gone (scaled down, renamed), not failing: its row is deleted.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromHours(1);

    public static HeartbeatOptions From(IConfiguration configuration, IHostEnvironment environment)
    {
        var application = environment.ApplicationName;
        var service = application.StartsWith("CertMesh.", StringComparison.Ordinal) ? application["CertMesh.".Length..] : application;
        return new HeartbeatOptions(service, ReplicaFrom(configuration), IntervalFrom(configuration));
    }

    public static string ReplicaFrom(IConfiguration configuration) =>
        configuration["CERTMESH_REPLICA_ID"] is { Length: > 0 } id ? id : $"{Environment.MachineName}:{Environment.ProcessId}";

    public static TimeSpan IntervalFrom(IConfiguration configuration)
    {
        if (configuration["CERTMESH_HEARTBEAT_INTERVAL"] is not { } value)
            return DefaultInterval;
        if (!GoDuration.TryParse(value, out var interval, out var error))
            throw new InvalidOperationException($"CERTMESH_HEARTBEAT_INTERVAL: {error}");
        return interval > TimeSpan.Zero ? interval : throw new InvalidOperationException("CERTMESH_HEARTBEAT_INTERVAL: must be positive");
    }
}
