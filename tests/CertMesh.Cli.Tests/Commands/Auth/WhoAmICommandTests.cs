using CertMesh.Cli.Tests.Support;
using Xunit;

namespace CertMesh.Cli.Tests.Commands.Auth;

public sealed class WhoAmICommandTests
{
    private const string Alice = """
        {"principal":"alice","token":"laptop","roles":[{"role":"edit","namespace":"shop"},{"role":"view","namespace":"*"}]}
        """;

    [Fact]
    public async Task WhoAmI_PrintsPrincipalTokenAndRoles()
    {
        using var api = FakeApi.Returning(200, Alice);

        var result = await CliRun.RunAsync(api, "--token", "cm_a", "auth", "whoami");

        Assert.Equal((0, ""), (result.ExitCode, result.Err));
        Assert.Equal("/api/auth/whoami", Assert.Single(api.Requests).Path);
        Assert.Equal("""
            ATTRIBUTE   VALUE
            Principal   alice
            Token       laptop

            ROLE   NAMESPACE
            edit   shop
            view   *

            """, result.Out);
    }

    [Fact]
    public async Task WhoAmI_NoRolesNoTokenId_SaysSo()
    {
        using var api = FakeApi.Returning(200, """{"principal":"ci","token":null,"roles":[]}""");

        var result = await CliRun.RunAsync(api, "auth", "whoami");

        Assert.Equal("""
            ATTRIBUTE   VALUE
            Principal   ci
            Token       <none>

            No roles are bound to principal "ci".

            """, result.Out);
    }

    [Fact]
    public async Task WhoAmI_Yaml_WritesTheAnswerAsYaml()
    {
        using var api = FakeApi.Returning(200, Alice);

        var result = await CliRun.RunAsync(api, "auth", "whoami", "-o", "yaml");

        Assert.Equal("""
            principal: alice
            token: laptop
            roles:
            - role: edit
              namespace: shop
            - role: view
              namespace: "*"

            """, result.Out);
    }

    [Fact]
    public async Task WhoAmI_Json_IndentsTheAnswer()
    {
        using var api = FakeApi.Returning(200, """{"principal":"alice","token":"laptop","roles":[]}""");

        var result = await CliRun.RunAsync(api, "auth", "whoami", "-o", "json");

        Assert.Equal("{\n    \"principal\": \"alice\",\n    \"token\": \"laptop\",\n    \"roles\": []\n}\n", result.Out);
    }

    [Fact]
    public async Task WhoAmI_RejectedToken_PrintsUnauthorizedWithoutHint()
    {
        using var api = FakeApi.Returning(401, """
            {"kind":"Status","status":"Failure","reason":"Unauthorized","message":"Unauthorized: principal \"old\" is disabled","code":401}
            """);

        var result = await CliRun.RunAsync(api, "--token", "cm_old", "auth", "whoami");

        Assert.Equal((1, "", "error: Unauthorized: principal \"old\" is disabled\n"), (result.ExitCode, result.Out, result.Err));
    }

    [Fact]
    public async Task WhoAmI_WideOutput_IsUsageError()
    {
        var result = await CliRun.RunAsync(null, "auth", "whoami", "-o", "wide");

        Assert.Equal(2, result.ExitCode);
    }
}
