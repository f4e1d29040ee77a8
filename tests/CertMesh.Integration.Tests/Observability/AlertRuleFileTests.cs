using Xunit;

namespace CertMesh.Integration.Tests.Observability;

/// <summary>The alert rules shipped in deploy/prometheus are what Prometheus 2.42 accepts, and their own unit tests
/// (each alert fires after its full <c>for:</c>, not before, once per certificate) pass.</summary>
public sealed class AlertRuleFileTests
{
    [Fact]
    public async Task CheckRules_DeployRules_AreAccepted()
    {
        var result = await Promtool.RunAsync(DeployAlertRules.Directory, "check", "rules", DeployAlertRules.RulesFile);

        Assert.True(result.ExitCode == 0, $"promtool check rules exited {result.ExitCode}:\n{result.Output}");
        Assert.Matches(@"SUCCESS: [1-9]\d* rules found", result.Output);
    }

    [Fact]
    public async Task TestRules_DeployUnitTests_Pass()
    {
        var result = await Promtool.RunAsync(DeployAlertRules.Directory, "test", "rules", DeployAlertRules.UnitTestFile);

        Assert.True(result.ExitCode == 0, $"promtool test rules exited {result.ExitCode}:\n{result.Output}");
        Assert.Contains("SUCCESS", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("FAILED", result.Output, StringComparison.Ordinal);
    }
}
