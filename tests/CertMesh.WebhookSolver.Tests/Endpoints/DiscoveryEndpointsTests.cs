using System.Net;
using System.Text.Json.Nodes;
using CertMesh.WebhookSolver.Tests.Support;

namespace CertMesh.WebhookSolver.Tests.Endpoints;

public class DiscoveryEndpointsTests(SolverFixture fixture) : IClassFixture<SolverFixture>
{
    SolverHost Host => fixture.Host;

    [Fact]
    public async Task Healthz_Running_ReturnsOk()
    {
        using var response = await Host.Http.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task GetGroupVersion_ServedGroup_ListsTheSolverAsChallengePayloadResource()
    {
        var list = JsonNode.Parse(await Host.Http.GetStringAsync("/apis/acme.certmesh.test/v1alpha1"))!;

        Assert.Equal("APIResourceList", (string?)list["kind"]);
        Assert.Equal("v1", (string?)list["apiVersion"]);
        Assert.Equal("acme.certmesh.test/v1alpha1", (string?)list["groupVersion"]);
        var resource = Assert.Single(list["resources"]!.AsArray())!;
        Assert.Equal("rfc2136", (string?)resource["name"]);
        Assert.Equal("ChallengePayload", (string?)resource["kind"]);
        Assert.False((bool)resource["namespaced"]!);
        Assert.Equal(["create"], resource["verbs"]!.AsArray().Select(v => (string?)v));
    }

    [Fact]
    public async Task GetGroupVersion_UnknownGroup_Returns404Status()
    {
        using var response = await Host.Http.GetAsync("/apis/acme.other.test/v1alpha1");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var status = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("Status", (string?)status["kind"]);
        Assert.Equal(404, (int)status["code"]!);
    }

    [Fact]
    public async Task GetGroupVersion_RenamedGroupAndSolver_ServesTheConfiguredNames()
    {
        await using var host = await SolverHost.StartAsync(new Dictionary<string, string?>
        {
            ["WEBHOOK_GROUP_NAME"] = "acme.renamed.test",
            ["WEBHOOK_SOLVER_NAME"] = "bind",
        });

        var list = JsonNode.Parse(await host.Http.GetStringAsync("/apis/acme.renamed.test/v1alpha1"))!;
        var (status, _) = await host.PostRawAsync("{}", SolverHost.SolverPath);

        Assert.Equal("bind", (string?)list["resources"]![0]!["name"]);
        Assert.Equal(HttpStatusCode.NotFound, status);
    }
}
