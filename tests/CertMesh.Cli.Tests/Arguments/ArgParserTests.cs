using CertMesh.Cli.Arguments;
using Xunit;

namespace CertMesh.Cli.Tests.Arguments;

public sealed class ArgParserTests
{
    private static readonly Flag Output = new("output", 'o', "format", "FORMAT");
    private static readonly Flag All = new("all-namespaces", 'A', "all");
    private static readonly Flag File = new("filename", 'f', "file", "FILE");
    private static readonly Flag[] Flags = [Flag.Namespace, Output, All, File];

    [Theory]
    [InlineData("-n shop")]
    [InlineData("-nshop")]
    [InlineData("-n=shop")]
    [InlineData("--namespace shop")]
    [InlineData("--namespace=shop")]
    public void Parse_ValueFlagForms_AllGiveTheValue(string line)
    {
        Assert.Equal("shop", ArgParser.Parse(line.Split(' '), Flags).Namespace);
    }

    [Fact]
    public void Parse_MixedPositionalsAndFlags_KeepsOrder()
    {
        var parsed = ArgParser.Parse(["certs", "-A", "web", "-o", "json"], Flags);

        Assert.Equal(["certs", "web"], parsed.Positionals);
        Assert.True(parsed.Has("all-namespaces"));
        Assert.Equal("json", parsed.Value("output"));
    }

    [Fact]
    public void Parse_LoneDash_IsAValue()
    {
        Assert.Equal("-", ArgParser.Parse(["-f", "-"], Flags).Value("filename"));
    }

    [Fact]
    public void Parse_DoubleDash_EndsFlags()
    {
        Assert.Equal(["-n", "x"], ArgParser.Parse(["--", "-n", "x"], Flags).Positionals);
    }

    [Fact]
    public void Parse_NoNamespace_DefaultsToDefault()
    {
        Assert.Equal("default", ArgParser.Parse([], Flags).Namespace);
    }

    [Fact]
    public void Parse_RepeatedFlag_LastWins()
    {
        Assert.Equal("b", ArgParser.Parse(["-n", "a", "-n", "b"], Flags).Namespace);
    }

    [Theory]
    [InlineData("--colour", "unknown flag: --colour")]
    [InlineData("-x", "unknown shorthand flag: 'x' in -x")]
    [InlineData("-Ax", "unknown shorthand flag: 'x' in -Ax")]
    [InlineData("-n", "flag needs an argument: -n")]
    [InlineData("--output", "flag needs an argument: --output")]
    [InlineData("--all-namespaces=true", "flag --all-namespaces does not take a value")]
    public void Parse_BadFlag_IsUsageError(string line, string message)
    {
        var error = Assert.Throws<UsageException>(() => ArgParser.Parse(line.Split(' '), Flags));

        Assert.Equal(message, error.Message);
        Assert.Equal(2, error.ExitCode);
    }

    [Fact]
    public void AllowAtMost_ExtraArgument_IsUsageError()
    {
        var error = Assert.Throws<UsageException>(() => ArgParser.Parse(["a", "b", "c"], Flags).AllowAtMost(2, "get"));

        Assert.Equal("unexpected argument \"c\" for \"certmesh get\"", error.Message);
    }
}
