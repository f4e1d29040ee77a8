using CertMesh.Cli.Http;
using CertMesh.Cli.Tests.Support;
using Xunit;

namespace CertMesh.Cli.Tests.Http;

public sealed class ApiErrorsTests
{
    [Theory]
    [InlineData("forbidden: principal \"x\" cannot list Order in namespace \"b\"", "forbidden: principal \"x\" cannot list Order in namespace \"b\"")]
    [InlineData("Forbidden", "forbidden")]
    [InlineData("blocked by proxy", "forbidden: blocked by proxy")]
    public void WithReason_AddsTheReasonOnlyWhenMissing(string message, string expected) =>
        Assert.Equal(expected, ApiErrors.WithReason(message, "forbidden"));

    [Fact]
    public async Task Get_Forbidden_PrintsTheApiStatusMessage()
    {
        using var api = FakeApi.Returning(403, """
            {"kind":"Status","status":"Failure","reason":"Forbidden","message":"forbidden: principal \"x\" cannot list Certificate in namespace \"b\" (needs role view in namespace \"b\")","code":403}
            """);

        var result = await CliRun.RunAsync(api, "--token", "cm_x", "get", "certs", "-n", "b");

        Assert.Equal((1, ""), (result.ExitCode, result.Out));
        Assert.Equal("error: forbidden: principal \"x\" cannot list Certificate in namespace \"b\" (needs role view in namespace \"b\")\n", result.Err);
    }

    [Fact]
    public async Task Get_ForbiddenWithoutJson_StillSaysForbidden()
    {
        using var api = FakeApi.Returning(403, "Forbidden");

        var result = await CliRun.RunAsync(api, "--token", "cm_x", "get", "certs");

        Assert.Equal((1, "error: forbidden\n"), (result.ExitCode, result.Err));
    }

    [Fact]
    public async Task Renew_RevokedToken_PrintsUnauthorizedReason()
    {
        using var api = FakeApi.Returning(401, """
            {"kind":"Status","status":"Failure","reason":"Unauthorized","message":"Unauthorized: token \"ci-1\" of principal \"ci\" has been revoked","code":401}
            """);

        var result = await CliRun.RunAsync(api, "--token", "cm_old", "renew", "web", "-n", "shop");

        Assert.Equal((1, "error: Unauthorized: token \"ci-1\" of principal \"ci\" has been revoked\n"), (result.ExitCode, result.Err));
    }
}
