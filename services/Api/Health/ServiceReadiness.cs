using CertMesh.Persistence.Health;

namespace CertMesh.Api.Health;

internal sealed record ReplicaHealth(Heartbeat Heartbeat, TimeSpan Age, bool Fresh);

/// <summary>One service's answer; <paramref name="Reason"/> says why it is not ready (null when it is).</summary>
internal sealed record ServiceHealth(string Name, bool Ready, string? Reason, IReadOnlyList<ReplicaHealth> Replicas);

internal sealed record HealthVerdict(bool Ready, IReadOnlyList<ServiceHealth> Services);

/// <summary>
/// The readiness decision, from heartbeat rows and the time alone: a service is ready when at least one of its replicas
/// reported Healthy no longer than <c>staleAfter</c> ago (Degraded is not ready, as on /ready). Otherwise the reason
/// names what an operator should look at: the failing checks of a replica that still reports, else how long it has
/// been silent, or that it stopped.
/// </summary>
internal static class ServiceReadiness
{
    public static HealthVerdict Decide(IReadOnlyList<string> expected, IReadOnlyList<Heartbeat> rows, DateTimeOffset now, TimeSpan staleAfter)
    {
        var services = expected.Select(name => DecideOne(name, rows, now, staleAfter)).ToList();
        return new HealthVerdict(services.All(s => s.Ready), services);
    }

    static ServiceHealth DecideOne(string name, IReadOnlyList<Heartbeat> rows, DateTimeOffset now, TimeSpan staleAfter)
    {
        var replicas = rows
            .Where(row => row.Service.Equals(name, StringComparison.OrdinalIgnoreCase))
            .Select(row =>
            {
                // A clock step between beats must not make a heartbeat look younger than now.
                var age = now - row.SeenAt < TimeSpan.Zero ? TimeSpan.Zero : now - row.SeenAt;
                return new ReplicaHealth(row, age, age <= staleAfter);
            })
            .OrderBy(replica => replica.Age)
            .ThenBy(replica => replica.Heartbeat.Replica, StringComparer.Ordinal)
            .ToList();
        if (replicas.Any(r => r.Fresh && r.Heartbeat.Status == Heartbeat.Healthy))
            return new ServiceHealth(name, true, null, replicas);
        return new ServiceHealth(name, false, Reason(replicas), replicas);
    }

    static string Reason(IReadOnlyList<ReplicaHealth> replicas)
    {
        if (replicas.Count == 0)
            return "no heartbeat recorded (is it running?)";
        var reporting = replicas.Where(r => r.Fresh).ToList();
        var described = reporting.Count > 0 ? reporting : [replicas[0]];
        return string.Join("; ", described.Select(r => (replicas.Count > 1 ? $"{r.Heartbeat.Replica}: " : "") + Describe(r)));
    }

    static string Describe(ReplicaHealth replica) => replica switch
    {
        { Heartbeat.Status: Heartbeat.Stopped } => $"stopped {Ago(replica.Age)} ago",
        { Fresh: false } => $"no heartbeat for {Ago(replica.Age)}",
        { Heartbeat.Detail.Length: 0 } => replica.Heartbeat.Status,
        _ => $"{replica.Heartbeat.Status}: {replica.Heartbeat.Detail}",
    };

    /// <summary>42s, 5m, 3h: whole units, as an operator reads them.</summary>
    internal static string Ago(TimeSpan age) =>
        age < TimeSpan.FromMinutes(2) ? $"{(long)age.TotalSeconds}s"
        : age < TimeSpan.FromHours(2) ? $"{(long)age.TotalMinutes}m"
        : $"{(long)age.TotalHours}h";
}
