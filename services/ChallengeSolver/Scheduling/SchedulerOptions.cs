using CertMesh.Acme.Challenges;
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

    /// <summary>
    /// Whether DNS-01 challenges for one name may be held at once (CERTMESH_DNS01_PRESENT_TOGETHER, default true): their
    /// values then sit side by side in one TXT set, each presented and removed on its own, so an apex and its wildcard
    /// are validated together. false is cert-manager's rule, one at a time per (dnsName, type), kept to measure against.
    /// HTTP-01 is always one at a time: one name has one token path per CA fetch.
    /// </summary>
    public bool Dns01PresentTogether { get; init; } = true;

    public TimeSpan Heartbeat => Lease / 3;

    /// <summary>The types whose challenges for one name the claim may hold at once.</summary>
    public IReadOnlyCollection<string> HeldTogether => Dns01PresentTogether ? [ChallengeTypes.Dns01] : [];

    public static SchedulerOptions From(IConfiguration configuration)
    {
        var defaults = new SchedulerOptions();
        return new SchedulerOptions
        {
            ReplicaId = configuration["CERTMESH_REPLICA_ID"] is { Length: > 0 } id ? id : defaults.ReplicaId,
            MaxConcurrentChallenges = PositiveInt(configuration, "CERTMESH_MAX_CONCURRENT_CHALLENGES", defaults.MaxConcurrentChallenges),
            Lease = Duration(configuration, "CERTMESH_CHALLENGE_LEASE", defaults.Lease),
            Poll = TimeSpan.FromMilliseconds(PositiveInt(configuration, "CERTMESH_SCHEDULER_POLL_MS", (int)defaults.Poll.TotalMilliseconds)),
            Dns01PresentTogether = Bool(configuration, "CERTMESH_DNS01_PRESENT_TOGETHER", defaults.Dns01PresentTogether),
        };
    }

    internal static bool Bool(IConfiguration configuration, string name, bool fallback) => configuration[name] switch
    {
        null or "" => fallback,
        var text when bool.TryParse(text, out var value) => value,
        var text => throw new InvalidOperationException($"{name}: \"{text}\" is not true or false"),
    };

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
