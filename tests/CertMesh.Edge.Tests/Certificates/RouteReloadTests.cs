using CertMesh.Edge.Tests.Support;

namespace CertMesh.Edge.Tests.Certificates;

/// <summary>
/// A route file whose certificate Metadata is bad, on a real Edge: the reload reports the route, the field and why,
/// and the previous routes keep serving. (The fixture's database holds no issuers, so every issuer is unknown.)
/// </summary>
public sealed class RouteReloadTests(EdgeFixture fixture) : IClassFixture<EdgeFixture>
{
    /// <summary><see cref="EdgeFixture.RoutesTo"/> plus one route with the given hosts and Metadata.</summary>
    static string RoutesWith(Backend backend, string routeId, string hostsJson, string metadataJson) => $$"""
        {
          "Routes": {
            "app": { "ClusterId": "backend", "Match": { "Path": "/app/{**rest}" } },
            "{{routeId}}": { "ClusterId": "backend", "Match": { "Hosts": {{hostsJson}}, "Path": "/{**all}" }, "Metadata": {{metadataJson}} }
          },
          "Clusters": { "backend": { "Destinations": { "only": { "Address": "{{backend.Address}}" } } } }
        }
        """;

    [Theory]
    [InlineData("bad-host", """["bad_host.example.test"]""", """{ "certmesh.io/cluster-issuer": "pebble-http01" }""",
        "route 'bad-host': Match.Hosts \"bad_host.example.test\": label \"bad_host\" contains the invalid character '_'")]
    [InlineData("unknown-issuer", """["app.example.test"]""", """{ "certmesh.io/cluster-issuer": "no-such-issuer" }""",
        "route 'unknown-issuer': Metadata.certmesh.io/cluster-issuer: Not found: ClusterIssuer \"no-such-issuer\" does not exist")]
    [InlineData("unknown-namespaced-issuer", """["app.example.test"]""", """{ "certmesh.io/issuer": "local-ca" }""",
        "route 'unknown-namespaced-issuer': Metadata.certmesh.io/issuer: Not found: Issuer \"local-ca\" in namespace \"edge\" does not exist")]
    [InlineData("no-hosts", """[]""", """{ "certmesh.io/cluster-issuer": "pebble-http01" }""",
        "route 'no-hosts': Match.Hosts: a route that names an issuer needs at least one host")]
    public async Task Reload_RouteWithBadCertificateInput_IsReportedAndThePreviousRoutesKeepServing(string routeId, string hosts, string metadata, string expected)
    {
        fixture.WriteRoutes(EdgeFixture.RoutesTo(fixture.First));
        await Eventually.UntilAsync(() => Answer.GetAsync(fixture.Edge, "/app/hello"), a => a.Body == "first /app/hello", "the first backend");

        fixture.WriteRoutes(RoutesWith(fixture.Second, routeId, hosts, metadata));

        await Eventually.UntilAsync(() => Task.FromResult(EdgeLog.Read(fixture.Edge)), log => log.Contains(expected, StringComparison.Ordinal), $"the reload to report: {expected}");
        Assert.Equal("first /app/hello", (await Answer.GetAsync(fixture.Edge, "/app/hello")).Body);
    }
}
