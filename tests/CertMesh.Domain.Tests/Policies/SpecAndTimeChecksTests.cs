using CertMesh.Contracts;
using CertMesh.Domain.Policies;
using CertMesh.Domain.Tests.Support;

namespace CertMesh.Domain.Tests.Policies;

public sealed class SpecAndTimeChecksTests
{
    [Fact]
    public void SpecChanged_HashOfOtherSpec_RequestChanged()
    {
        var staleHash = SpecHash.Compute(PolicyFixture.Spec with { DnsNames = ["old.example.com"] });
        using var secret = PolicyFixture.Secret();

        var violation = SpecChanged.Check(PolicyFixture.Input(secret, certificate: PolicyFixture.Certificate(staleHash)));

        Assert.Equal(PolicyReasons.RequestChanged, violation?.Reason);
    }

    [Fact]
    public void SpecChanged_HashOfCurrentSpec_Passes()
    {
        using var secret = PolicyFixture.Secret();
        var certificate = PolicyFixture.Certificate(SpecHash.Compute(PolicyFixture.Spec));

        Assert.Null(SpecChanged.Check(PolicyFixture.Input(secret, certificate: certificate)));
    }

    [Fact]
    public void SpecChanged_NoHashRecorded_Passes()
    {
        using var secret = PolicyFixture.Secret();

        Assert.Null(SpecChanged.Check(PolicyFixture.Input(secret)));
    }

    [Fact]
    public void SecretContentMismatch_NoHashAndOtherNames_SecretMismatch()
    {
        using var secret = PolicyFixture.Secret(dnsNames: ["web.example.com", "extra.example.com"]);

        var violation = SecretContentMismatch.Check(PolicyFixture.Input(secret));

        Assert.Equal(PolicyReasons.SecretMismatch, violation?.Reason);
        Assert.Contains("spec.dnsNames", violation!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SecretContentMismatch_NoHashAndRsaKeyForEcdsaSpec_SecretMismatch()
    {
        using var secret = PolicyFixture.Secret(certificateKey: TestPki.Rsa);

        var violation = SecretContentMismatch.Check(PolicyFixture.Input(secret));

        Assert.Equal("Existing issued Secret is not up to date for spec: [spec.privateKey]", violation?.Message);
    }

    [Fact]
    public void SecretContentMismatch_NoHashAndMatchingContent_Passes()
    {
        using var secret = PolicyFixture.Secret();

        Assert.Null(SecretContentMismatch.Check(PolicyFixture.Input(secret)));
    }

    [Fact]
    public void SecretContentMismatch_HashRecorded_LeavesItToTheHash()
    {
        using var secret = PolicyFixture.Secret(dnsNames: ["other.example.com"]);
        var certificate = PolicyFixture.Certificate(SpecHash.Compute(PolicyFixture.Spec));

        Assert.Null(SecretContentMismatch.Check(PolicyFixture.Input(secret, certificate: certificate)));
    }

    [Theory]
    [InlineData(-1, null)]
    [InlineData(0, PolicyReasons.Expired)]
    [InlineData(1, PolicyReasons.Expired)]
    public void CertificateExpired_AroundNotAfter_Table(int secondsAfterNotAfter, string? reason)
    {
        using var secret = PolicyFixture.Secret();

        var violation = CertificateExpired.Check(PolicyFixture.Input(secret, PolicyFixture.NotAfter.AddSeconds(secondsAfterNotAfter)));

        Assert.Equal(reason, violation?.Reason);
    }

    [Theory]
    [InlineData(-1, null)]
    [InlineData(0, PolicyReasons.Renewing)]
    [InlineData(3600, PolicyReasons.Renewing)]
    public void CertificateRenewalDue_AroundRenewalTime_Table(int secondsAfterRenewalTime, string? reason)
    {
        // 90-day certificate, no renewBefore: renewal at two thirds, day 60.
        using var secret = PolicyFixture.Secret();
        var renewalTime = TestPki.NotBefore.AddDays(60);

        var violation = CertificateRenewalDue.Check(PolicyFixture.Input(secret, renewalTime.AddSeconds(secondsAfterRenewalTime)));

        Assert.Equal(reason, violation?.Reason);
    }

    [Fact]
    public void CertificateRenewalDue_RenewBeforeInSpec_Honoured()
    {
        using var secret = PolicyFixture.Secret();
        var certificate = PolicyFixture.Certificate() with { Spec = PolicyFixture.Spec with { RenewBefore = "240h" } };

        var before = CertificateRenewalDue.Check(PolicyFixture.Input(secret, TestPki.NotBefore.AddDays(79), certificate));
        var after = CertificateRenewalDue.Check(PolicyFixture.Input(secret, TestPki.NotBefore.AddDays(80), certificate));

        Assert.Null(before);
        Assert.Equal(PolicyReasons.Renewing, after?.Reason);
    }
}
