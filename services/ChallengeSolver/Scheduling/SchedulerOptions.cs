using CertMesh.Domain.Durations;

namespace CertMesh.ChallengeSolver.Scheduling;

/// <summary>The scheduler's settings, from environment variables; durations in Go syntax as everywhere in CertMesh.</summary>
internal sealed record SchedulerOptions
{
    /// <summary>This process's name in the queue's <c>owner</c> and the slot log (CERTMESH_REPLICA_ID).</summary>
    public string ReplicaId { get; init; } = $"{Environment.MachineName}-{Environment.ProcessId}";

    /// <summary>Challenges in flight at once over every replica (CERTMESH_MAX_CONCURRENT_CHALLENGES), cert-manager's 60.</summary>
    public int MaxConcurrentChallenges { get; init; } = 60;

    /// <summary>How long a hold outlives its holder's last heartbeat (CERTMESH_CHALLENGE_LEASE); renewed every third of it.</summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the queue is looked at for other replicas' releases (CERTMESH_SCHEDULER_POLL_MS).</summary>
    public TimeSpan Poll { get; init; } = TimeSpan.FromMilliseconds(250);

    public TimeSpan Heartbeat => Lease / 3;

    public static SchedulerOptions From(IConfiguration configuration)
    {
        var defaults = new SchedulerOptions();
        return new SchedulerOptions
        {
            ReplicaId = configuration["CERTMESH_REPLICA_ID"] is { Length: > 0 } id ? id : defaults.ReplicaId,
            MaxConcurrentChallenges = PositiveInt(configuration, "CERTMESH_MAX_CONCURRENT_CHALLENGES", defaults.MaxConcurrentChallenges),
            Lease = Duration(configuration, "CERTMESH_CHALLENGE_LEASE", defaults.Lease),
            Poll = TimeSpan.FromMilliseconds(PositiveInt(configuration, "CERTMESH_SCHEDULER_POLL_MS", (int)defaults.Poll.TotalMilliseconds)),
        };
    }

    internal static int PositiveInt(IConfiguration configuration, string name, int fallback) => configuration[name] switch
    {
        null or "" => fallback,
        var text when int.TryParse(text, out var value) && value > 0 => value,
        var text => throw new InvalidOperationException($"{name}: \"{text}\" is not a positive integer"),
    };

    internal static TimeSpan Duration(IConfiguration configuration, string name, TimeSpan fallback) => configuration[name] switch
    {
        null or "" => fallback,
        var text when GoDuration.TryParse(text, out var value, out _) && value > TimeSpan.Zero => value,
        var text => throw new InvalidOperationException($"{name}: \"{text}\" is not a positive duration (Go syntax, e.g. 30s, 1m30s)"),
    };
}
