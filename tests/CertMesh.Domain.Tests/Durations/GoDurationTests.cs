using CertMesh.Domain.Durations;

namespace CertMesh.Domain.Tests.Durations;

public sealed class GoDurationTests
{
    [Theory]
    [InlineData("2160h", 2160L * 3600 * 10_000_000)]
    [InlineData("1h", 3600L * 10_000_000)]
    [InlineData("59m50s", 3590L * 10_000_000)]
    [InlineData("1h30m", 5400L * 10_000_000)]
    [InlineData("90m", 5400L * 10_000_000)]
    [InlineData("1.5h", 5400L * 10_000_000)]
    [InlineData("1h0m0s", 3600L * 10_000_000)]
    [InlineData("2h45m30.5s", (2L * 3600 + 45 * 60 + 30) * 10_000_000 + 5_000_000)]
    [InlineData("300ms", 3_000_000L)]
    [InlineData("1.5s", 15_000_000L)]
    [InlineData("1us", 10L)]
    [InlineData("1µs", 10L)]
    [InlineData("1μs", 10L)]
    [InlineData("100ns", 1L)]
    [InlineData("150ns", 1L)]
    [InlineData("0", 0L)]
    [InlineData("0s", 0L)]
    [InlineData("-1h", -3600L * 10_000_000)]
    [InlineData("+5m", 300L * 10_000_000)]
    [InlineData(".5h", 1800L * 10_000_000)]
    [InlineData("1.h", 3600L * 10_000_000)]
    [InlineData("1m1m", 120L * 10_000_000)]
    public void TryParse_GoSyntax_Parses(string text, long ticks)
    {
        Assert.True(GoDuration.TryParse(text, out var value, out var error), error);
        Assert.Equal(TimeSpan.FromTicks(ticks), value);
    }

    [Theory]
    [InlineData("", "time: invalid duration \"\"")]
    [InlineData("-", "time: invalid duration \"-\"")]
    [InlineData("1", "time: missing unit in duration \"1\"")]
    [InlineData("90d", "time: unknown unit \"d\" in duration \"90d\"")]
    [InlineData("1w", "time: unknown unit \"w\"")]
    [InlineData("1H", "time: unknown unit \"H\"")]
    [InlineData("h", "time: invalid duration \"h\"")]
    [InlineData(".h", "time: invalid duration \".h\"")]
    [InlineData("1h 30m", "time: unknown unit \"h \"")]
    [InlineData("1.2.3h", "time: missing unit in duration \"1.2.3h\"")]
    [InlineData("3000000h", "time: invalid duration \"3000000h\"")]
    [InlineData("99999999999999999999s", "time: invalid duration")]
    public void TryParse_Invalid_FailsWithGoMessage(string text, string message)
    {
        Assert.False(GoDuration.TryParse(text, out _, out var error));
        Assert.StartsWith(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Invalid_ThrowsFormatException()
    {
        var exception = Assert.Throws<FormatException>(() => GoDuration.Parse("90d"));

        Assert.Contains("unknown unit \"d\"", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2160L * 3600 * 10_000_000, "2160h0m0s")]
    [InlineData(3600L * 10_000_000, "1h0m0s")]
    [InlineData(3590L * 10_000_000, "59m50s")]
    [InlineData(5400L * 10_000_000, "1h30m0s")]
    [InlineData(60L * 10_000_000, "1m0s")]
    [InlineData(50L * 10_000_000, "50s")]
    [InlineData(15_000_000L, "1.5s")]
    [InlineData(36_005_000_000L, "1h0m0.5s")]
    [InlineData(3_000_000L, "300ms")]
    [InlineData(15L, "1.5µs")]
    [InlineData(1L, "100ns")]
    [InlineData(0L, "0s")]
    [InlineData(-3600L * 10_000_000, "-1h0m0s")]
    public void Format_LikeGo(long ticks, string expected)
    {
        Assert.Equal(expected, GoDuration.Format(TimeSpan.FromTicks(ticks)));
    }

    [Theory]
    [InlineData("2160h")]
    [InlineData("59m50s")]
    [InlineData("1.5h")]
    [InlineData("300ms")]
    public void Format_ThenParse_RoundTrips(string text)
    {
        var value = GoDuration.Parse(text);

        Assert.Equal(value, GoDuration.Parse(GoDuration.Format(value)));
    }

    [Fact]
    public void Format_ExtremeValues_DoNotOverflow()
    {
        Assert.StartsWith("-", GoDuration.Format(TimeSpan.MinValue), StringComparison.Ordinal);
        Assert.EndsWith("s", GoDuration.Format(TimeSpan.MaxValue), StringComparison.Ordinal);
    }
}
