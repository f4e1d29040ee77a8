using CertMesh.Domain.Validation;

namespace CertMesh.Domain.Tests.Validation;

public sealed class ValueExcerptTests
{
    [Theory]
    [InlineData("", "\"\"")]
    [InlineData("web.example.com", "\"web.example.com\"")]
    [InlineData(null, "null")]
    public void Quote_ShortValue_QuotedWhole(string? value, string expected)
    {
        Assert.Equal(expected, ValueExcerpt.Quote(value));
    }

    [Fact]
    public void Quote_ExactlyTheLimit_QuotedWhole()
    {
        var value = new string('a', ValueExcerpt.MaxCharacters);

        Assert.Equal($"\"{value}\"", ValueExcerpt.Quote(value));
    }

    [Fact]
    public void Quote_OneMegabyteValue_PrefixEllipsisAndLength()
    {
        var value = new string('a', 1024 * 1024);

        var quoted = ValueExcerpt.Quote(value);

        Assert.Equal($"\"{new string('a', 64)}...\" (1048576 characters)", quoted);
    }

    [Fact]
    public void Quote_CutInsideSurrogatePair_DropsTheHalfCharacter()
    {
        var value = new string('a', 63) + "😀" + new string('b', 100);

        var quoted = ValueExcerpt.Quote(value);

        Assert.StartsWith($"\"{new string('a', 63)}...\"", quoted);
    }

    [Theory]
    [InlineData("short", 10, "short")]
    [InlineData("a-very-long-label", 6, "a-very...")]
    public void Short_CutsToMaxWithEllipsis(string value, int max, string expected)
    {
        Assert.Equal(expected, ValueExcerpt.Short(value, max));
    }
}
