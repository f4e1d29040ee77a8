using CertMesh.Cli;
using CertMesh.Cli.Time;
using Xunit;

namespace CertMesh.Cli.Tests.Time;

public sealed class GoDurationTests
{
    [Theory]
    [InlineData("120s", 120_000)]
    [InlineData("2m", 120_000)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("1.5h", 5_400_000)]
    [InlineData("300ms", 300)]
    [InlineData("1m0.5s", 60_500)]
    [InlineData("0", 0)]
    [InlineData("2160h", 7_776_000_000)]
    [InlineData("1500us", 1.5)]
    [InlineData("-5s", -5000)]
    public void TryParse_GoSyntax_GivesDuration(string text, double milliseconds)
    {
        Assert.True(GoDuration.TryParse(text, out var duration));
        Assert.Equal(milliseconds, duration.TotalMilliseconds, 3);
    }

    [Theory]
    [InlineData("")]
    [InlineData("120")]
    [InlineData("s")]
    [InlineData("2d")]
    [InlineData("1h 30m")]
    [InlineData("abc")]
    [InlineData("1..5s")]
    public void TryParse_NotGoSyntax_Fails(string text)
    {
        Assert.False(GoDuration.TryParse(text, out _));
    }

    [Fact]
    public void Parse_Invalid_IsUsageErrorNamingTheFlag()
    {
        var error = Assert.Throws<UsageException>(() => GoDuration.Parse("soon", "timeout"));

        Assert.Equal("invalid argument \"soon\" for \"--timeout\" flag: expected a duration such as 30s, 2m or 1h30m", error.Message);
    }
}
