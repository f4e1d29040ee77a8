using System.Text.RegularExpressions;
using CertMesh.Cli.Tests.Support;
using CertMesh.Domain.Authorization;
using Xunit;

namespace CertMesh.Cli.Tests.Commands.Auth;

public sealed class NewTokenCommandTests
{
    [Fact]
    public async Task NewToken_PrintsTokenOnceAndTheEntryWithItsHashWithoutCallingTheApi()
    {
        using var api = FakeApi.Returning(500);

        var result = await CliRun.RunAsync(api, "auth", "new-token", "--id", "laptop");

        Assert.Equal((0, ""), (result.ExitCode, result.Err));
        Assert.Empty(api.Requests);
        var token = Assert.Single(Regex.Matches(result.Out, @"cm_[A-Za-z0-9_-]{43}")).Value;
        Assert.Contains($"""
            spec:
              tokens:
              - id: laptop
                sha256: {TokenHash.Of(token)}

            """, result.Out);
        Assert.Contains("CertMesh keeps its SHA-256, never the token", result.Out);
    }

    [Fact]
    public async Task NewToken_WithoutId_NamesItByTheClock()
    {
        var result = await CliRun.RunAsync(null, "auth", "new-token");

        Assert.Contains("- id: token-20240501-120000\n", result.Out);
    }

    [Fact]
    public async Task NewToken_TwoRuns_DifferentTokens()
    {
        var first = await CliRun.RunAsync(null, "auth", "new-token");
        var second = await CliRun.RunAsync(null, "auth", "new-token");

        Assert.NotEqual(first.Out, second.Out);
    }

    [Theory]
    [InlineData("Laptop")]
    [InlineData("my token")]
    [InlineData("-x")]
    public async Task NewToken_IdTheApiWouldRefuse_IsUsageError(string id)
    {
        var result = await CliRun.RunAsync(null, "auth", "new-token", "--id", id);

        Assert.Equal((2, ""), (result.ExitCode, result.Out));
        Assert.StartsWith($"error: invalid --id \"{id}\"", result.Err);
    }
}
