using System.Net;
using System.Security.Cryptography.X509Certificates;
using CertMesh.Integration.Tests.Support;
using Xunit;

namespace CertMesh.Integration.Tests.Edge;

/// <summary>
/// Route-driven Certificates (ingress-shim's idea) through the whole stack: the suite's Edge reads the route file the
/// test writes (<see cref="StackFixture.EdgeRoutesFile"/>), asks Trigger for the Certificates its routes name, and
/// answers Pebble's HTTP-01 fetches for them itself.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class RouteCertificateTests(StackFixture stack) : IAsyncLifetime
{
    const string EdgeNamespace = "edge";
    static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    /// <summary>Routes to the Api (any backend will do: what matters is that the route forwards at all).</summary>
    string Routes(params string[] routes) => $$"""
        {
          "Routes": { {{string.Join(",\n", routes)}} },
          "Clusters": { "api": { "Destinations": { "only": { "Address": "{{stack.ApiBase}}" } } } }
        }
        """;

    static string Route(string id, string host, string metadata = "{}") =>
        $$""" "{{id}}": { "ClusterId": "api", "Match": { "Hosts": ["{{host}}"], "Path": "/{**all}" }, "Metadata": {{metadata}} } """;

    static string ClusterIssuer(string name) => $$"""{ "certmesh.io/cluster-issuer": "{{name}}" }""";

    [Fact]
    public async Task Route_NamingHostAndAcmeClusterIssuer_GetsItsCertificateByItself_AndLosesItWithTheRoute()
    {
        const string host = "routed.it-edge.example.test";
        stack.WriteEdgeRoutes(Routes(Route("routed", host, ClusterIssuer(StackFixture.AcmeIssuer))));

        await stack.WaitForIssuedAsync(EdgeNamespace, "route-routed", timeout: TimeSpan.FromSeconds(120));
        await Eventually.UntilAsync(() => IsReadyAsync("route-routed"), ready => ready, TimeSpan.FromSeconds(30), "edge/route-routed to be Ready");
        var chain = await AcmeChains.ReadSecretAsync(stack, EdgeNamespace, "route-routed-tls");
        await AcmeChains.VerifyAgainstPebbleRootAsync(chain);
        Assert.Contains(host, chain[0].GetNameInfo(System.Security.Cryptography.X509Certificates.X509NameType.DnsName, false));
        Assert.Equal("routed", await stack.ScalarAsync<string>(
            "SELECT doc->'metadata'->'labels'->>'certmesh.io/edge-route' FROM resources WHERE kind = 'Certificate' AND namespace = 'edge' AND name = 'route-routed'"));

        stack.WriteEdgeRoutes(Routes(Route("plain", "plain.it-edge.example.test")));

        await Eventually.UntilAsync(() => CountAsync("resources", "route-routed"), n => n == 0, TimeSpan.FromSeconds(30), "edge/route-routed to be deleted");
        await Eventually.UntilAsync(() => CountAsync("secrets", "route-routed-tls"), n => n == 0, TimeSpan.FromSeconds(30), "edge/route-routed-tls to be removed");
    }

    [Fact]
    public async Task Route_CertificateFromPebble_ServedByTheEdgeOverTls_RenewedLiveWithZeroFailedRequests()
    {
        const string host = "tls.it-edge.example.test";
        stack.WriteEdgeRoutes(Routes(Route("tls", host, ClusterIssuer(StackFixture.AcmeIssuer))));
        var first = await stack.WaitForIssuedAsync(EdgeNamespace, "route-tls", timeout: TimeSpan.FromSeconds(120));
        var trust = new X509Certificate2Collection();
        using (var pebble = PebbleHttp.Create())
            trust.Add(X509Certificate2.CreateFromPem(await pebble.GetStringAsync("/roots/0")));

        // New connections, each a full handshake by SNI, forwarded to the Api's open /alive through the route.
        var load = new HandshakeLoop(TestEnvironment.EdgeHttpsPort, trust, host, "/alive");
        var loop = load.RunAsync(MinimumRequests);
        await Eventually.UntilAsync(() => Task.FromResult(load.SawSerial(Serial(first))), seen => seen, TimeSpan.FromSeconds(30), "the Edge serving revision 1");
        using (var api = stack.ApiClient())
            (await api.PostAsync($"/api/certificates/{EdgeNamespace}/route-tls/renew", null)).EnsureSuccessStatusCode();
        var second = await stack.WaitForIssuedAsync(EdgeNamespace, "route-tls", revision: 2, timeout: TimeSpan.FromSeconds(120));
        await Eventually.UntilAsync(() => Task.FromResult(load.SawSerial(Serial(second))), seen => seen, TimeSpan.FromSeconds(30), "the Edge serving revision 2");
        load.StopWhenDone();
        await loop;

        Assert.Empty(load.Failures);
        Assert.True(load.Completed >= MinimumRequests, $"only {load.Completed} requests");
        Assert.NotEqual(Serial(first), Serial(second));
    }

    const int MinimumRequests = 1000;

    static string Serial(CertMesh.Contracts.CertificateIssued issued) => X509Certificate2.CreateFromPem(issued.CertificatePem).SerialNumber;

    [Fact]
    public async Task Route_WithInvalidHostOrUnknownIssuer_IsReportedAndThePreviousRoutesKeepServing_UntilTheIssuerExists()
    {
        const string issuer = "it-edge-late";
        stack.WriteEdgeRoutes(Routes(Route("kept", "kept.it-edge.example.test")));
        await Eventually.UntilAsync(() => StatusAsync("kept.it-edge.example.test"), s => s == HttpStatusCode.Unauthorized, "the kept route to forward to the Api");

        stack.WriteEdgeRoutes(Routes(
            Route("kept", "kept.it-edge.example.test"),
            Route("bad-host", "bad_host.it-edge.example.test", ClusterIssuer(StackFixture.SelfSignedIssuer)),
            Route("late", "late.it-edge.example.test", ClusterIssuer(issuer))));

        await Eventually.UntilAsync(() => Task.FromResult(EdgeLog()), log =>
            log.Contains("route 'bad-host': Match.Hosts \"bad_host.it-edge.example.test\": label \"bad_host\" contains the invalid character '_'", StringComparison.Ordinal)
            && log.Contains($"route 'late': Metadata.certmesh.io/cluster-issuer: Not found: ClusterIssuer \"{issuer}\" does not exist", StringComparison.Ordinal),
            "the reload to report the bad host and the unknown issuer");
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync("late.it-edge.example.test"));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync("kept.it-edge.example.test"));
        Assert.Equal(0L, await CountAsync("resources", "route-late"));

        // The bad host removed: still refused for the issuer alone. Then the issuer is created, and the same file is taken
        // without an edit (a refused file is checked again at every poll).
        stack.WriteEdgeRoutes(Routes(
            Route("kept", "kept.it-edge.example.test"),
            Route("late", "late.it-edge.example.test", ClusterIssuer(issuer))));
        await Eventually.UntilAsync(() => Task.FromResult(EdgeLog()), log =>
            log.Contains($"keeping the previous routes: route 'late': Metadata.certmesh.io/cluster-issuer: Not found: ClusterIssuer \"{issuer}\" does not exist", StringComparison.Ordinal),
            "the reload to report the unknown issuer alone");
        await stack.ApplyAsync($$"""
            apiVersion: cert-manager.io/v1
            kind: ClusterIssuer
            metadata:
              name: {{issuer}}
            spec:
              selfSigned: {}
            """);

        await stack.WaitForIssuedAsync(EdgeNamespace, "route-late", timeout: TimeSpan.FromSeconds(60));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync("late.it-edge.example.test"));
    }

    async Task<HttpStatusCode> StatusAsync(string host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{TestEnvironment.EdgeHttpPort}/api/certificates");
        request.Headers.Host = host;
        using var response = await Http.SendAsync(request);
        return response.StatusCode;
    }

    string EdgeLog()
    {
        using var stream = new FileStream(stack.Service("Edge").LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        return new StreamReader(stream).ReadToEnd();
    }

    Task<bool> IsReadyAsync(string name) => stack.ScalarAsync<bool>("""
        SELECT EXISTS (SELECT 1 FROM resources, jsonb_array_elements(doc->'status'->'conditions') c
                       WHERE kind = 'Certificate' AND namespace = 'edge' AND name = @name AND c->>'type' = 'Ready' AND c->>'status' = 'True')
        """, ("name", name));

    Task<long> CountAsync(string table, string name) => table == "secrets"
        ? stack.ScalarAsync<long>("SELECT count(*) FROM secrets WHERE namespace = 'edge' AND name = @name", ("name", name))
        : stack.ScalarAsync<long>("SELECT count(*) FROM resources WHERE kind = 'Certificate' AND namespace = 'edge' AND name = @name", ("name", name));

    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>The suite's Edge is shared: no routes after this class, so the Edge deletes what these tests made.</summary>
    public Task DisposeAsync()
    {
        stack.WriteEdgeRoutes(StackFixture.NoEdgeRoutes);
        return Task.CompletedTask;
    }
}
