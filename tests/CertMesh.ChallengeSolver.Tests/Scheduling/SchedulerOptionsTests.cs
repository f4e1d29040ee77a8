using CertMesh.ChallengeSolver.Scheduling;
using Microsoft.Extensions.Configuration;

namespace CertMesh.ChallengeSolver.Tests.Scheduling;

public class SchedulerOptionsTests
{
    static SchedulerOptions From(string? presentTogether) => SchedulerOptions.From(new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?> { ["CERTMESH_DNS01_PRESENT_TOGETHER"] = presentTogether }).Build());

    [Theory]
    [InlineData(null, true)]
    [InlineData("", true)]
    [InlineData("true", true)]
    [InlineData("False", false)]
    public void From_Dns01PresentTogether_ParsedWithDefaultTrue(string? text, bool expected)
    {
        var options = From(text);

        Assert.Equal(expected, options.Dns01PresentTogether);
        Assert.Equal(expected ? ["dns-01"] : [], options.HeldTogether);
    }

    [Fact]
    public void From_Dns01PresentTogetherNotABoolean_ThrowsNamingTheVariable()
    {
        var error = Assert.Throws<InvalidOperationException>(() => From("yes"));

        Assert.Equal("CERTMESH_DNS01_PRESENT_TOGETHER: \"yes\" is not true or false", error.Message);
    }
}
