using CertMesh.WebhookSolver.Solving;

namespace CertMesh.WebhookSolver.Tests.Solving;

public class ChallengeTargetTests
{
    [Theory]
    [InlineData("_acme-challenge.www.example.test.", "example.test.")]
    [InlineData("_acme-challenge.www.example.test", "example.test")]
    [InlineData("_ACME-Challenge.Example.Test.", "example.test.")]
    [InlineData("example.test.", "example.test.")]
    public void Parse_NameInsideZone_Accepts(string fqdn, string zone)
    {
        var errors = new List<string>();

        var target = ChallengeTarget.Parse(fqdn, zone, errors);

        Assert.Empty(errors);
        Assert.Equal(new ChallengeTarget(zone, fqdn), target);
    }

    [Theory]
    [InlineData("_acme-challenge.notexample.test.", "example.test.", "is not inside request.resolvedZone")]
    [InlineData("_acme-challenge..example.test.", "example.test.", "request.resolvedFQDN '_acme-challenge..example.test.' has an empty label")]
    [InlineData("_acme-challenge.bücher.example.test.", "example.test.", "request.resolvedFQDN '_acme-challenge.bücher.example.test.' must be ASCII")]
    [InlineData("_acme-challenge.example.test.", "exa..mple.test.", "request.resolvedZone 'exa..mple.test.' has an empty label")]
    public void Parse_BadName_ReportsTheField(string fqdn, string zone, string expected)
    {
        var errors = new List<string>();

        var target = ChallengeTarget.Parse(fqdn, zone, errors);

        Assert.Null(target);
        Assert.Contains(errors, e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_LabelOver63Characters_Rejects()
    {
        var errors = new List<string>();

        ChallengeTarget.Parse($"_acme-challenge.{new string('a', 64)}.example.test.", "example.test.", errors);

        Assert.Contains(errors, e => e.Contains("longer than 63"));
    }
}
