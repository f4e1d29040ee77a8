using CertMesh.Cli.Tests.Support;
using Xunit;

namespace CertMesh.Cli.Tests.Commands;

public sealed class GlobalBehaviourTests
{
    [Theory]
    [InlineData("")]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("help")]
    public async Task Help_ListsCommands(string line)
    {
        var result = await CliRun.RunAsync(null, line.Split(' ', StringSplitOptions.RemoveEmptyEntries));

        Assert.Equal(0, result.ExitCode);
        foreach (var command in new[] { "apply", "get", "delete", "status", "renew", "approve", "deny", "wait", "check", "version", "auth" })
            Assert.Contains($"\n  {command} ", result.Out);
        Assert.Contains("--server URL", result.Out);
        Assert.Contains("\"certmesh auth whoami\" shows which", result.Out);
    }

    [Theory]
    [InlineData("apply", "certmesh apply -f FILE")]
    [InlineData("get", "certmesh get KIND [NAME]")]
    [InlineData("delete", "certmesh delete KIND NAME... [-n NS]")]
    [InlineData("status", "certmesh status certificate NAME")]
    [InlineData("renew", "certmesh renew NAME...")]
    [InlineData("approve", "certmesh approve CERTIFICATEREQUEST [-n NS] [--reason REASON] [--message MESSAGE]")]
    [InlineData("deny", "certmesh deny CERTIFICATEREQUEST [-n NS] --reason REASON [--message MESSAGE]")]
    [InlineData("wait", "certmesh wait certificate NAME")]
    [InlineData("check", "certmesh check api [--wait DURATION] [--interval DURATION]")]
    [InlineData("version", "certmesh version")]
    [InlineData("auth", "certmesh auth can-i VERB KIND[/NAME]")]
    public async Task CommandHelp_ShowsUsageAndFlagsWithoutCallingTheApi(string command, string usage)
    {
        using var api = FakeApi.Returning(500);

        var viaFlag = await CliRun.RunAsync(api, command, "--help");
        var viaHelp = await CliRun.RunAsync(api, "help", command);

        Assert.Equal(0, viaFlag.ExitCode);
        Assert.Contains(usage, viaFlag.Out);
        Assert.Contains("-h, --help", viaFlag.Out);
        Assert.Equal(viaFlag.Out, viaHelp.Out);
        Assert.Empty(api.Requests);
    }

    [Fact]
    public async Task UnknownCommand_IsUsageError()
    {
        var result = await CliRun.RunAsync(null, "describe", "cert", "web");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: unknown command \"describe\" for \"certmesh\"\nSee 'certmesh --help' or 'certmesh COMMAND --help'.\n", result.Err);
    }

    [Fact]
    public async Task ServerAndTokenFlags_OverrideEnvironment()
    {
        using var api = FakeApi.Returning(200, Samples.List());
        var env = new Dictionary<string, string>
        {
            ["CERTMESH_API"] = $"http://127.0.0.1:{FakeApi.FreePort()}",
            ["CERTMESH_TOKEN"] = "from-env",
        };

        var result = await CliRun.RunWithAsync(null, null, env, "get", "certs", "--server", api.Url, "--token=from-flag");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("Bearer from-flag", Assert.Single(api.Requests).Authorization);
    }

    [Fact]
    public async Task ServerWithPathPrefix_KeepsPrefix()
    {
        using var api = FakeApi.Returning(200, Samples.List());

        await CliRun.RunAsync(null, "--server", api.Url + "/certmesh/", "get", "certs");

        Assert.Equal("/certmesh/api/resources/Certificate?namespace=default", Assert.Single(api.Requests).Path);
    }

    [Fact]
    public async Task ConnectionRefused_PointsAtTheLocalStack()
    {
        var url = $"http://127.0.0.1:{FakeApi.FreePort()}";

        var result = await CliRun.RunWithAsync(null, null, new Dictionary<string, string> { ["CERTMESH_API"] = url }, "get", "certs");

        Assert.Equal((1, $"error: cannot reach the CertMesh API at {url} (is deploy/local/up.sh running?)\n"), (result.ExitCode, result.Err));
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("ftp://127.0.0.1")]
    public async Task InvalidServer_IsUsageError(string server)
    {
        var result = await CliRun.RunAsync(null, "--server", server, "get", "certs");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"error: invalid server URL \"{server}\"", result.Err);
    }

    [Fact]
    public async Task Version_PrintsClientVersion()
    {
        var result = await CliRun.RunAsync(null, "version");

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"^certmesh version \d+\.\d+\.\d+", result.Out);
    }
}
