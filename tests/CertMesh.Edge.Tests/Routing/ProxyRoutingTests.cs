using CertMesh.Edge.Tests.Support;

namespace CertMesh.Edge.Tests.Routing;

/// <summary>Forwarding with YARP per the route file, which changes while the Edge runs.</summary>
public sealed class ProxyRoutingTests(EdgeFixture fixture) : IClassFixture<EdgeFixture>
{
    [Fact]
    public async Task RouteFile_ChangedWhileRunning_ForwardsToTheNewBackend_AndKeepsItThroughAnInvalidFile()
    {
        var first = await Eventually.UntilAsync(() => Answer.GetAsync(fixture.Edge, "/app/hello"), a => a.Status == 200, "the first backend");
        Assert.Equal("first /app/hello", first.Body);

        fixture.WriteRoutes(EdgeFixture.RoutesTo(fixture.Second));
        var second = await Eventually.UntilAsync(() => Answer.GetAsync(fixture.Edge, "/app/hello"), a => a.Body.StartsWith("second"), "the route file change");
        Assert.Equal("second /app/hello", second.Body);

        // Malformed JSON, then well-formed JSON with a route to a cluster that does not exist: both are logged and ignored.
        fixture.WriteRoutes("{ \"Routes\": { \"broken\": ");
        await Task.Delay(TimeSpan.FromSeconds(2.5)); // longer than the debounce and the test's 1 s poll
        Assert.Equal("second /app/hello", (await Answer.GetAsync(fixture.Edge, "/app/hello")).Body);

        fixture.WriteRoutes("""{ "Routes": { "orphan": { "ClusterId": "missing", "Match": { "Path": "/{**all}" } } }, "Clusters": {} }""");
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        Assert.Equal("second /app/hello", (await Answer.GetAsync(fixture.Edge, "/app/hello")).Body);

        // And a valid file after the invalid ones is applied again.
        fixture.WriteRoutes(EdgeFixture.RoutesTo(fixture.First));
        await Eventually.UntilAsync(() => Answer.GetAsync(fixture.Edge, "/other/path"), a => a.Body == "first /other/path", "the repaired route file");
    }

    [Fact]
    public async Task RouteFile_HashCookieAffinity_IsAppliedAndSetsTheAffinityCookie()
    {
        // HashCookie hashes the destination with System.IO.Hashing, which YARP's package now brings along.
        var routes = EdgeFixture.RoutesTo(fixture.First).Replace(
            "\"Destinations\"",
            "\"SessionAffinity\": { \"Enabled\": true, \"Policy\": \"HashCookie\", \"AffinityKeyName\": \"certmesh-affinity\" }, \"Destinations\"");
        fixture.WriteRoutes(routes);
        try
        {
            using var client = new HttpClient(new HttpClientHandler { UseCookies = false }) { Timeout = TimeSpan.FromSeconds(5) };
            var cookie = await Eventually.UntilAsync(
                async () =>
                {
                    using var response = await client.GetAsync(new Uri(fixture.Edge.BaseAddress, "/app/affinity"));
                    return response.Headers.TryGetValues("Set-Cookie", out var values) ? values.FirstOrDefault(v => v.StartsWith("certmesh-affinity=")) : null;
                },
                c => c is not null, "the HashCookie route file");
            Assert.StartsWith("certmesh-affinity=", cookie);
        }
        finally
        {
            fixture.WriteRoutes(EdgeFixture.RoutesTo(fixture.First));
        }
    }

    [Fact]
    public async Task CatchAllRoute_HealthStaysTheEdgesOwn()
    {
        var answer = await Answer.GetAsync(fixture.Edge, "/health");

        // The Edge's own readiness answer (its database and bus checks), not the upstream's.
        Assert.Equal(200, answer.Status);
        using var report = System.Text.Json.JsonDocument.Parse(answer.Body);
        Assert.Equal("Healthy", report.RootElement.GetProperty("status").GetString());
        Assert.True(report.RootElement.GetProperty("checks").TryGetProperty("postgresql", out _), answer.Body);
    }
}
