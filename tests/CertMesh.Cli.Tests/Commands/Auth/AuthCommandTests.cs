using CertMesh.Cli.Tests.Support;
using Xunit;

namespace CertMesh.Cli.Tests.Commands.Auth;

public sealed class AuthCommandTests
{
    [Fact]
    public async Task Auth_NoSubcommand_IsUsageErrorListingThem()
    {
        var result = await CliRun.RunAsync(null, "auth");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: missing sub-command: can-i, whoami, new-token", result.Err);
    }

    [Fact]
    public async Task Auth_UnknownSubcommand_IsUsageError()
    {
        var result = await CliRun.RunAsync(null, "auth", "reconcile");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: unknown command \"reconcile\" for \"certmesh auth\"", result.Err);
    }

    [Theory]
    [InlineData("whoami", "-n", "shop", "namespace")]
    [InlineData("new-token", "-o", "json", "output")]
    [InlineData("can-i", "--id", "x", "id")]
    public async Task Auth_FlagOfAnotherSubcommand_IsUsageErrorWithoutCall(string subcommand, string flag, string value, string name)
    {
        using var api = FakeApi.Returning(200, "{}");

        var result = await CliRun.RunAsync(api, "auth", subcommand, "get", "certs", flag, value);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"error: unknown flag: --{name} for \"certmesh auth {subcommand}\"", result.Err);
        Assert.Empty(api.Requests);
    }

    [Fact]
    public async Task Auth_Help_ShowsEverySubcommandsUsage()
    {
        var result = await CliRun.RunAsync(null, "auth", "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("certmesh auth can-i VERB KIND[/NAME] [-n NS | -A] [-q]", result.Out);
        Assert.Contains("certmesh auth whoami [-o json|yaml]", result.Out);
        Assert.Contains("certmesh auth new-token [--id ID]", result.Out);
        Assert.Contains("Only the hash goes to the server", result.Out);
    }
}
