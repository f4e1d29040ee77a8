using CertMesh.Domain.Approval;

namespace CertMesh.Domain.Tests.Approval;

public sealed class WildcardTests
{
    [Theory]
    [InlineData("*", "", true)]
    [InlineData("*", "anything.at.all", true)]
    [InlineData("*.example.com", "a.b.example.com", true)]
    [InlineData("*.example.com", "example.com", false)]
    [InlineData("*foo", "foo", true)]
    [InlineData("a*b*c", "aXXbYYc", true)]
    [InlineData("a*b*c", "aXXbYY", false)]
    [InlineData("web.example.com", "web.example.com", true)]
    [InlineData("web.example.com", "Web.example.com", false)]
    [InlineData("", "", true)]
    [InlineData("", "x", false)]
    public void Matches_Pattern_AsApproverPolicy(string pattern, string value, bool expected)
    {
        Assert.Equal(expected, Wildcard.Matches(pattern, value));
    }

    [Fact]
    public void Matches_ManyStarsAgainstLongValue_FinishesQuickly()
    {
        var pattern = string.Concat(Enumerable.Repeat("*a", 500)) + "b";
        var value = new string('a', 5000);

        Assert.False(Wildcard.Matches(pattern, value));
    }
}
