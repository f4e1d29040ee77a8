using System.Net;
using System.Text.Json.Nodes;
using CertMesh.WebhookSolver.Tests.Support;

namespace CertMesh.WebhookSolver.Tests.Endpoints;

/// <summary>The HTTP contract of POST /apis/{group}/v1alpha1/{solver}: what is a 400, a 404, and a 200 with success=false.</summary>
public class SolverEndpointsTests(SolverFixture fixture) : IClassFixture<SolverFixture>
{
    SolverHost Host => fixture.Host;

    [Theory]
    [InlineData("not json at all", "the body is not a valid ChallengePayload")]
    [InlineData("", "the body is not a valid ChallengePayload")]
    [InlineData("null", "the body must be a ChallengePayload JSON object")]
    [InlineData("""{"apiVersion":"webhook.acme.cert-manager.io/v1alpha1","kind":"ChallengePayload"}""", "request is required")]
    [InlineData("""{"request":{"action":"Present","key":"k","resolvedFQDN":"a.example.test.","resolvedZone":"example.test."}}""", "request.uid is required")]
    [InlineData("""{"request":{"uid":"u","key":"k","resolvedFQDN":"a.example.test.","resolvedZone":"example.test."}}""", "request.action is required")]
    [InlineData("""{"request":{"uid":"u","action":"Delete","key":"k","resolvedFQDN":"a.example.test.","resolvedZone":"example.test."}}""", "request.action must be Present or CleanUp, not 'Delete'")]
    [InlineData("""{"request":{"uid":"u","action":"Present","resolvedFQDN":"a.example.test.","resolvedZone":"example.test."}}""", "request.key is required")]
    [InlineData("""{"request":{"uid":"u","action":"Present","key":"k","resolvedZone":"example.test."}}""", "request.resolvedFQDN is required")]
    [InlineData("""{"request":{"uid":"u","action":"Present","key":"k","resolvedFQDN":"a.example.test."}}""", "request.resolvedZone is required")]
    [InlineData("""{"request":{"uid":42,"action":"Present","key":"k","resolvedFQDN":"a.example.test.","resolvedZone":"example.test."}}""", "request.uid does not fit")]
    [InlineData("""{"request":{"uid":"u","action":"Present","type":"http-01","key":"k","resolvedFQDN":"a.example.test.","resolvedZone":"example.test."}}""", "request.type must be dns-01")]
    [InlineData("""{"kind":"Challenge","request":{"uid":"u","action":"Present","key":"k","resolvedFQDN":"a.example.test.","resolvedZone":"example.test."}}""", "kind must be ChallengePayload")]
    public async Task Post_MalformedPayload_Returns400StatusNamingTheField(string body, string expected)
    {
        var (status, text) = await Host.PostRawAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var answer = JsonNode.Parse(text)!;
        Assert.Equal("Status", (string?)answer["kind"]);
        Assert.Equal("v1", (string?)answer["apiVersion"]);
        Assert.Equal("Failure", (string?)answer["status"]);
        Assert.Equal("BadRequest", (string?)answer["reason"]);
        Assert.Equal(400, (int)answer["code"]!);
        Assert.Contains(expected, (string)answer["message"]!);
    }

    [Fact]
    public async Task Post_SeveralFieldsMissing_NamesEveryOne()
    {
        var (status, text) = await Host.PostRawAsync("""{"request":{"action":"Present"}}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var message = (string)JsonNode.Parse(text)!["message"]!;
        Assert.All(["request.uid", "request.key", "request.resolvedFQDN", "request.resolvedZone"], field => Assert.Contains(field, message));
    }

    [Theory]
    [InlineData("/apis/acme.other.test/v1alpha1/rfc2136")]
    [InlineData("/apis/acme.certmesh.test/v1alpha1/route53")]
    [InlineData("/apis/acme.certmesh.test/v1beta1/rfc2136")]
    public async Task Post_UnknownGroupSolverOrVersion_Returns404Status(string path)
    {
        var (status, text) = await Host.PostRawAsync(Payloads.Present(Bind.RandomFqdn("nf"), "k").ToJsonString(), path);

        Assert.Equal(HttpStatusCode.NotFound, status);
        var answer = JsonNode.Parse(text)!;
        Assert.Equal("Status", (string?)answer["kind"]);
        Assert.Equal("NotFound", (string?)answer["reason"]);
        Assert.Equal(404, (int)answer["code"]!);
        Assert.Contains("solverName rfc2136", (string)answer["message"]!);
    }

    [Fact]
    public async Task Post_AnyOutcome_EchoesTheUid()
    {
        var uid = "3f1c2b6e-uid-" + Guid.NewGuid();
        var fqdn = Bind.RandomFqdn("uid");

        var succeeded = await Host.SolveAsync(Payloads.CleanUp(fqdn, "k", uid: uid));
        var failed = await Host.SolveAsync(Payloads.CleanUp(fqdn, "k", new JsonObject(), uid));

        Assert.Equal(uid, (string?)succeeded["uid"]);
        Assert.Equal(uid, (string?)failed["uid"]);
        Assert.False((bool)failed["success"]!);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("null")]
    [InlineData("""{"ttl":60}""")]
    public async Task Post_ConfigWithoutNameserver_FailsWith400NamingConfigNameserver(string config)
    {
        var payload = Payloads.Present(Bind.RandomFqdn("nons"), "k");
        payload["request"]!["config"] = JsonNode.Parse(config);

        var response = await Host.SolveAsync(payload);

        Assert.False((bool)response["success"]!);
        Assert.Equal(400, (int)response["status"]!["code"]!);
        Assert.Equal("BadRequest", (string?)response["status"]!["reason"]);
        Assert.Contains("config.nameserver", (string)response["status"]!["message"]!);
    }

    [Fact]
    public async Task Post_FqdnOutsideZone_FailsWith400NamingBothFields()
    {
        var payload = Payloads.Challenge("Present", "_acme-challenge.elsewhere.invalid.", "k");

        var response = await Host.SolveAsync(payload);

        Assert.False((bool)response["success"]!);
        Assert.Equal(400, (int)response["status"]!["code"]!);
        Assert.Contains("request.resolvedFQDN '_acme-challenge.elsewhere.invalid.' is not inside request.resolvedZone", (string)response["status"]!["message"]!);
    }
}
