using System.Text.Json;
using System.Text.Json.Nodes;
using CertMesh.Cli.Commands;
using CertMesh.Cli.Tests.Support;
using Xunit;

namespace CertMesh.Cli.Tests.Commands;

public sealed class WaitCommandTests
{
    private static string WithRevision(string certificate, int revision)
    {
        var json = JsonNode.Parse(certificate)!;
        json["status"]!["revision"] = revision;
        return json.ToJsonString();
    }

    [Fact]
    public async Task Wait_AlreadyReady_ReturnsAtOnce()
    {
        using var api = FakeApi.Returning(200, Samples.ReadyCertificate);

        var result = await CliRun.RunAsync(api, "wait", "certificate", "web", "-n", "shop", "--for", "ready", "--timeout", "5s");

        Assert.Equal((0, "certificate.cert-manager.io/web condition met\n"), (result.ExitCode, result.Out));
        Assert.Equal("/api/resources/Certificate/shop/web", Assert.Single(api.Requests).Path);
    }

    [Fact]
    public async Task Wait_NotFoundThenPendingThenReady_PollsUntilReady()
    {
        var answers = new Queue<FakeResponse>([new(404, "{}"), new(200, Samples.PendingCertificate), new(200, Samples.PendingCertificate)]);
        using var api = new FakeApi(_ => answers.Count > 0 ? answers.Dequeue() : new(200, Samples.ReadyCertificate));

        var result = await CliRun.RunAsync(api, "wait", "certificate/web", "-n", "shop", "--timeout=10s");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(4, api.Requests.Count);
    }

    [Fact]
    public async Task Wait_Timeout_ReportsLastReadyCondition()
    {
        using var api = FakeApi.Returning(200, Samples.PendingCertificate);

        var result = await CliRun.RunAsync(api, "wait", "cert", "api", "-n", "shop", "--timeout", "300ms");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
            "error: timed out waiting for the condition on certificates/api: Ready=False, reason: DoesNotExist, message: Issuing certificate as Secret does not exist; "
            + "Issuing=True, reason: DoesNotExist, message: Issuing certificate as Secret does not exist\n",
            result.Err);
        Assert.True(api.Requests.Count >= 2);
    }

    [Fact]
    public async Task Wait_TimeoutNeverFound_SaysNotFound()
    {
        using var api = FakeApi.Returning(404, "{}");

        var result = await CliRun.RunAsync(api, "wait", "certificate", "ghost", "--timeout", "100ms");

        Assert.Equal("error: timed out waiting for the condition on certificates/ghost: certificates.cert-manager.io \"ghost\" not found\n", result.Err);
    }

    [Fact]
    public async Task Wait_ForIssuedRevision_WaitsForThatRevision()
    {
        var answers = new Queue<string>([WithRevision(Samples.ReadyCertificate, 1), WithRevision(Samples.ReadyCertificate, 1)]);
        using var api = new FakeApi(_ => new(200, answers.Count > 0 ? answers.Dequeue() : WithRevision(Samples.ReadyCertificate, 2)));

        var result = await CliRun.RunAsync(api, "wait", "certificate", "web", "-n", "shop", "--for", "issued", "--revision", "2", "--timeout", "10s");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(3, api.Requests.Count);
    }

    [Theory]
    [InlineData("""{"metadata":{"generation":3},"status":{"conditions":[{"type":"Ready","status":"True","observedGeneration":2}]}}""", false)]
    [InlineData("""{"metadata":{"generation":3},"status":{"conditions":[{"type":"Ready","status":"True","observedGeneration":3}]}}""", true)]
    [InlineData("""{"metadata":{"generation":3},"status":{"conditions":[{"type":"Ready","status":"True"}]}}""", true)]
    [InlineData("""{"status":{"conditions":[{"type":"Ready","status":"True"},{"type":"Issuing","status":"True"}]}}""", false)]
    [InlineData("""{"status":{"conditions":[{"type":"Ready","status":"True"},{"type":"Issuing","status":"False"}]}}""", true)]
    [InlineData("""{"status":{"conditions":[{"type":"Ready","status":"False"}]}}""", false)]
    [InlineData("""{"status":{}}""", false)]
    public void IsMet_Ready_NeedsReadyForCurrentSpecAndNotIssuing(string json, bool met)
    {
        Assert.Equal(met, WaitCommand.IsMet(JsonDocument.Parse(json).RootElement, revision: null));
    }

    [Theory]
    [InlineData(new[] { "wait", "issuer", "ca" }, "error: wait supports certificates only, not issuers")]
    [InlineData(new[] { "wait", "certificate", "web", "--timeout", "2" }, "error: invalid argument \"2\" for \"--timeout\" flag")]
    [InlineData(new[] { "wait", "certificate", "web", "--for", "deleted" }, "error: unsupported --for \"deleted\"")]
    [InlineData(new[] { "wait", "certificate", "web", "--for", "issued" }, "error: --for issued needs --revision N")]
    [InlineData(new[] { "wait", "certificate" }, "error: missing certificate name")]
    public async Task Wait_BadArguments_AreUsageErrors(string[] args, string message)
    {
        var result = await CliRun.RunAsync(null, args);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith(message, result.Err);
    }
}
