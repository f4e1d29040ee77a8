using CertMesh.Cli.Tests.Support;
using Xunit;

namespace CertMesh.Cli.Tests.Commands.Auth;

public sealed class CanICommandTests
{
    private const string Yes = """{"allowed":true,"principal":"alice","reason":"allowed by role edit in namespace \"shop\""}""";
    private const string No = """{"allowed":false,"principal":"ci","reason":"principal \"ci\" cannot get Secret in namespace \"shop\" (needs role secrets in namespace \"shop\")"}""";

    [Fact]
    public async Task CanI_Allowed_PrintsYesAndExitsZero()
    {
        using var api = FakeApi.Returning(200, Yes);

        var result = await CliRun.RunAsync(api, "--token", "cm_a", "auth", "can-i", "apply", "certs", "-n", "shop");

        Assert.Equal((0, "yes\n", ""), (result.ExitCode, result.Out, result.Err));
        var request = Assert.Single(api.Requests);
        Assert.Equal("/api/auth/can-i?verb=apply&kind=Certificate&namespace=shop", request.Path);
        Assert.Equal("Bearer cm_a", request.Authorization);
    }

    [Fact]
    public async Task CanI_Denied_PrintsNoWithReasonOnStderrAndExitsOne()
    {
        using var api = FakeApi.Returning(200, No);

        var result = await CliRun.RunAsync(api, "auth", "can-i", "get", "secrets", "-n", "shop");

        Assert.Equal((1, "no\n"), (result.ExitCode, result.Out));
        Assert.Equal("reason: principal \"ci\" cannot get Secret in namespace \"shop\" (needs role secrets in namespace \"shop\")\n", result.Err);
    }

    [Theory]
    [InlineData("-q")]
    [InlineData("--quiet")]
    public async Task CanI_Quiet_PrintsNothing(string flag)
    {
        using var api = FakeApi.Returning(200, No);

        var result = await CliRun.RunAsync(api, "auth", "can-i", "get", "secrets", flag);

        Assert.Equal((1, "", ""), (result.ExitCode, result.Out, result.Err));
    }

    [Theory]
    [InlineData(new[] { "list", "events", "-A" }, "/api/auth/can-i?verb=list&kind=Event")]
    [InlineData(new[] { "get", "ev" }, "/api/auth/can-i?verb=get&kind=Event&namespace=default")]
    [InlineData(new[] { "use", "clusterissuer/letsencrypt", "-n", "shop" }, "/api/auth/can-i?verb=use&kind=ClusterIssuer&namespace=shop&name=letsencrypt")]
    [InlineData(new[] { "apply", "principals.auth.certmesh.io" }, "/api/auth/can-i?verb=apply&kind=Principal&namespace=default")]
    [InlineData(new[] { "approve", "cr/web-1", "-n", "a b" }, "/api/auth/can-i?verb=approve&kind=CertificateRequest&namespace=a%20b&name=web-1")]
    public async Task CanI_Target_ResolvesKindNamesAndScope(string[] args, string path)
    {
        using var api = FakeApi.Returning(200, Yes);

        var result = await CliRun.RunAsync(api, ["auth", "can-i", .. args]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(path, Assert.Single(api.Requests).Path);
    }

    [Fact]
    public async Task CanI_BadVerb_ShowsTheApisBadRequestNotNo()
    {
        using var api = FakeApi.Returning(400, """
            {"kind":"Status","status":"Failure","reason":"BadRequest","message":"verb: Unsupported value: \"patch\": supported values: get, list, apply, renew, delete, approve, use","code":400}
            """);

        var result = await CliRun.RunAsync(api, "auth", "can-i", "patch", "certs");

        Assert.Equal((1, ""), (result.ExitCode, result.Out));
        Assert.Equal("Error from server (BadRequest): verb: Unsupported value: \"patch\": supported values: get, list, apply, renew, delete, approve, use\n", result.Err);
    }

    [Theory]
    [InlineData("get")]
    [InlineData("get certs web")]
    public async Task CanI_NotTwoArguments_IsUsageErrorWithoutCall(string line)
    {
        using var api = FakeApi.Returning(200, Yes);

        var result = await CliRun.RunAsync(api, ["auth", "can-i", .. line.Split(' ')]);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: you must specify two arguments", result.Err);
        Assert.Empty(api.Requests);
    }

    [Fact]
    public async Task CanI_UnknownKind_IsUsageErrorWithoutCall()
    {
        using var api = FakeApi.Returning(200, Yes);

        var result = await CliRun.RunAsync(api, "auth", "can-i", "get", "pods");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: the server doesn't have a resource type \"pods\"", result.Err);
        Assert.Empty(api.Requests);
    }

    [Fact]
    public async Task CanI_Unauthorized_PrintsReasonAndHint()
    {
        using var api = FakeApi.Returning(401, """
            {"kind":"Status","status":"Failure","reason":"Unauthorized","message":"Unauthorized: a bearer token is required (Authorization: Bearer <token>)","code":401}
            """);

        var result = await CliRun.RunAsync(api, "auth", "can-i", "get", "certs");

        Assert.Equal((1, ""), (result.ExitCode, result.Out));
        Assert.StartsWith("error: Unauthorized: a bearer token is required", result.Err);
        Assert.Contains("hint: pass a Principal's token with --token or $CERTMESH_TOKEN", result.Err);
    }
}
