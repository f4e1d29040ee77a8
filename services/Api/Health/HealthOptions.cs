using CertMesh.Hosting.Health;

namespace CertMesh.Api.Health;

/// <summary>
/// What <c>/api/health</c> expects: the services that must each have a healthy replica (CERTMESH_HEALTH_SERVICES,
/// comma-separated; the Api itself is always included), and how old a heartbeat may be (CERTMESH_HEALTH_STALE_AFTER, a
/// Go duration; by default three heartbeat intervals, so one late or lost beat is not an outage).
/// </summary>
internal sealed record HealthOptions(IReadOnlyList<string> Services, TimeSpan StaleAfter, string Replica)
{
    public const string Api = "Api";
    public static readonly IReadOnlyList<string> DefaultServices = ["Trigger", "KeyManager", "Issuing", "AcmeOrder", "ChallengeSolver", "DnsWebhook", "Edge"];

    /// <summary>The Api first, then the expected services, each once.</summary>
    public IReadOnlyList<string> Expected => [Api, .. Services.Where(s => !s.Equals(Api, StringComparison.OrdinalIgnoreCase))];

    public static HealthOptions From(IConfiguration configuration)
    {
        var services = configuration["CERTMESH_HEALTH_SERVICES"] is { } list
            ? list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : DefaultServices;
        var staleAfter = 3 * HeartbeatOptions.IntervalFrom(configuration);
        if (configuration["CERTMESH_HEALTH_STALE_AFTER"] is { } value)
        {
            if (!Domain.Durations.GoDuration.TryParse(value, out staleAfter, out var error))
                throw new InvalidOperationException($"CERTMESH_HEALTH_STALE_AFTER: {error}");
            if (staleAfter <= TimeSpan.Zero)
                throw new InvalidOperationException("CERTMESH_HEALTH_STALE_AFTER: must be positive");
        }
        return new HealthOptions(services, staleAfter, HeartbeatOptions.ReplicaFrom(configuration));
    }
}
