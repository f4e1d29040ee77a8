using System.Net;
using System.Text.Json.Nodes;
using CertMesh.Api.Tests.Support;
using CertMesh.Persistence.Health;
using Xunit;

namespace CertMesh.Api.Tests.Health;

/// <summary><c>/api/health</c> over heartbeats written as the services' HeartbeatWriter writes them, on the real PostgreSQL.</summary>
public sealed class HealthEndpointsTests(ApiHost host) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task GetHealth_NoToken_Unauthorized()
    {
        using var client = host.Client(bearer: null);

        using var response = await client.GetAsync("/api/health");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task GetHealth_ServicesBeating_ApiFirstThenEveryExpectedServiceWithItsReplicas()
    {
        var started = DateTimeOffset.UtcNow;
        await BeatAsync("Trigger", "Trigger", "Healthy", "");
        await BeatAsync("Issuing", "Issuing", "Unhealthy", "masstransit-bus: Not ready");
        await BeatAsync("ChallengeSolver", "ChallengeSolver@1", "Healthy", "");
        await BeatAsync("ChallengeSolver", "ChallengeSolver@2", "Healthy", "");
        using var client = host.Client();

        var body = JsonNode.Parse(await client.GetStringAsync("/api/health"))!;

        Assert.False((bool)body["ready"]!);
        var services = body["services"]!.AsArray();
        Assert.Equal(["Api", "Trigger", "KeyManager", "Issuing", "AcmeOrder", "ChallengeSolver", "DnsWebhook", "Edge"], services.Select(s => (string?)s!["name"]));
        var byName = services.ToDictionary(s => (string)s!["name"]!, s => s!);
        Assert.True((bool)byName["Api"]["ready"]!);
        Assert.True((bool)byName["Trigger"]["ready"]!);
        Assert.Equal("Unhealthy: masstransit-bus: Not ready", (string?)byName["Issuing"]["reason"]);
        Assert.Equal("no heartbeat recorded (is it running?)", (string?)byName["KeyManager"]["reason"]);
        var solvers = byName["ChallengeSolver"]["replicas"]!.AsArray();
        Assert.Equal(2, solvers.Count);
        var seen = (double)solvers[0]!["secondsSinceSeen"]!;
        Assert.InRange(seen, 0, (DateTimeOffset.UtcNow - started).TotalSeconds + 1);
    }

    Task BeatAsync(string service, string replica, string status, string detail) =>
        ServiceHeartbeats.BeatAsync(host.Database.DataSource, service, replica, status, detail, DateTimeOffset.UtcNow, TimeSpan.FromHours(1), CancellationToken.None);
}
