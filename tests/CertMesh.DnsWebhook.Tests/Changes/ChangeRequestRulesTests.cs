using CertMesh.Contracts.Dns;
using CertMesh.DnsWebhook.Changes;
using CertMesh.DnsWebhook.Tests.Support;

namespace CertMesh.DnsWebhook.Tests.Changes;

public class ChangeRequestRulesTests
{
    static ChangeDnsRecord Valid() =>
        Requests.Change(DnsRecordActions.Present, "{}", "ns", "_acme-challenge.www.example.test.", "value") with { ResolvedZone = "example.test." };

    [Theory]
    [InlineData(DnsRecordActions.Present, "_acme-challenge.www.example.test.", "example.test.")]
    [InlineData(DnsRecordActions.CleanUp, "_acme-challenge.WWW.Example.Test", "example.test")]
    [InlineData(DnsRecordActions.Present, "example.test.", "example.test.")]
    public void Validate_WellFormed_NoErrors(string action, string fqdn, string zone) =>
        Assert.Empty(ChangeRequestRules.Validate(Valid() with { Action = action, ResolvedFqdn = fqdn, ResolvedZone = zone }));

    [Fact]
    public void Validate_EverythingMissing_NamesEachField()
    {
        var errors = ChangeRequestRules.Validate(new ChangeDnsRecord { Action = "Delete" });

        Assert.Equal(
        [
            "Action: must be Present or CleanUp, got 'Delete'",
            "ResolvedFqdn: required",
            "ResolvedZone: required",
            "Key: required (the TXT value)",
        ], errors);
    }

    [Fact]
    public void Validate_FqdnOutsideZone_NamesBoth()
    {
        var errors = ChangeRequestRules.Validate(Valid() with { ResolvedFqdn = "_acme-challenge.www.notexample.test." });

        Assert.Equal(["ResolvedFqdn: _acme-challenge.www.notexample.test. is not in zone example.test."], errors);
    }

    [Theory]
    [InlineData("_acme-challenge..example.test.")]
    [InlineData("_acme challenge.example.test.")]
    [InlineData("_acme-challenge.bücher.example.test.")]
    public void Validate_FqdnNotADnsName_Rejected(string fqdn) =>
        Assert.StartsWith("ResolvedFqdn: '", Assert.Single(ChangeRequestRules.Validate(Valid() with { ResolvedFqdn = fqdn })));

    [Fact]
    public void Validate_LabelOf64Characters_Rejected() =>
        Assert.Single(ChangeRequestRules.Validate(Valid() with { ResolvedFqdn = new string('a', 64) + ".example.test." }));
}
