using System.Text.Json.Nodes;
using CertMesh.Cli.Tests.Support;
using Xunit;

namespace CertMesh.Cli.Tests.Commands;

public sealed class ApproveAndDenyCommandTests
{
    [Fact]
    public async Task Approve_WithReasonAndMessage_PostsThemAndConfirms()
    {
        using var api = FakeApi.Returning(202, """{"namespace":"shop","name":"web-1","decision":"approve"}""");

        var result = await CliRun.RunAsync(api, "approve", "web-1", "-n", "shop", "--reason", "ReviewedByOps", "--message", "ticket OPS-42");

        Assert.Equal((0, "Approval sent for CertificateRequest shop/web-1\n"), (result.ExitCode, result.Out));
        var request = Assert.Single(api.Requests);
        Assert.Equal(("POST", "/api/certificaterequests/shop/web-1/approve"), (request.Method, request.Path));
        var body = JsonNode.Parse(request.Body)!;
        Assert.Equal(("ReviewedByOps", "ticket OPS-42"), ((string?)body["reason"], (string?)body["message"]));
    }

    [Fact]
    public async Task Approve_NoFlags_SendsEmptyBodyForApiDefaults()
    {
        using var api = FakeApi.Returning(202, "{}");

        var result = await CliRun.RunAsync(api, "approve", "web-1");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(("/api/certificaterequests/default/web-1/approve", "{}"), (api.Requests[0].Path, api.Requests[0].Body));
    }

    [Fact]
    public async Task Deny_WithReason_PostsToDeny()
    {
        using var api = FakeApi.Returning(202, "{}");

        var result = await CliRun.RunAsync(api, "deny", "web-1", "-n", "shop", "--reason", "NotOurDomain");

        Assert.Equal((0, "Denial sent for CertificateRequest shop/web-1\n"), (result.ExitCode, result.Out));
        Assert.Equal("/api/certificaterequests/shop/web-1/deny", Assert.Single(api.Requests).Path);
    }

    [Fact]
    public async Task Deny_NoReason_UsageErrorWithoutCallingTheApi()
    {
        using var api = FakeApi.Returning(500);

        var result = await CliRun.RunAsync(api, "deny", "web-1");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: required flag \"reason\" not set", result.Err);
        Assert.Empty(api.Requests);
    }

    [Fact]
    public async Task Approve_AlreadyDecided_PrintsServerConflict()
    {
        using var api = FakeApi.Returning(409, """{"kind":"Status","status":"Failure","reason":"Conflict","message":"CertificateRequest \"web-1\" is already Approved"}""");

        var result = await CliRun.RunAsync(api, "approve", "web-1");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("is already Approved", result.Err);
    }

    [Fact]
    public async Task Approve_Missing_IsNotFound()
    {
        using var api = FakeApi.Returning(404, "{}");

        var result = await CliRun.RunAsync(api, "approve", "nope");

        Assert.Equal((1, "Error from server (NotFound): certificaterequests.cert-manager.io \"nope\" not found\n"), (result.ExitCode, result.Err));
    }
}
