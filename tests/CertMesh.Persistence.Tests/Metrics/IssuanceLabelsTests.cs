using System.Text.Json;
using CertMesh.Contracts;
using CertMesh.Domain.Resources;
using CertMesh.Hosting.Metrics.Issuance;

namespace CertMesh.Persistence.Tests.Metrics;

/// <summary>Issuance series labels stay within small fixed sets, whatever issuer or failure text they are given.</summary>
public sealed class IssuanceLabelsTests
{
    static readonly IssuerReference Ref = new() { Name = "letsencrypt", Kind = ResourceKinds.ClusterIssuer };

    [Fact]
    public void IssuerType_EachSpecType_NamesIt()
    {
        Assert.Equal("selfSigned", IssuanceLabels.IssuerType(Ref, Issuer(new IssuerSpec { SelfSigned = new SelfSignedIssuer() })));
        Assert.Equal("ca", IssuanceLabels.IssuerType(Ref, Issuer(new IssuerSpec { Ca = new CaIssuer { SecretName = "root" } })));
        Assert.Equal("acme", IssuanceLabels.IssuerType(Ref, Issuer(new IssuerSpec { Acme = JsonDocument.Parse("{}").RootElement })));
        Assert.Equal("vault", IssuanceLabels.IssuerType(Ref, Issuer(new IssuerSpec { Vault = JsonDocument.Parse("{}").RootElement })));
    }

    [Fact]
    public void IssuerType_IssuerGone_Unknown() => Assert.Equal(IssuanceLabels.Unknown, IssuanceLabels.IssuerType(Ref, null));

    [Fact]
    public void IssuerType_OtherGroup_External() =>
        Assert.Equal(IssuanceLabels.External, IssuanceLabels.IssuerType(Ref with { Group = "awspca.cert-manager.io" }, null));

    [Theory]
    [InlineData("InvalidKeyPair", "InvalidKeyPair")]
    [InlineData("IssuerNotFound", "IssuerNotFound")]
    [InlineData("Pending2", "Pending2")]
    [InlineData("", "Other")]
    [InlineData(null, "Other")]
    [InlineData("the CA said: rate limited", "Other")]
    [InlineData("urn:ietf:params:acme:error:rateLimited", "Other")]
    [InlineData("9Lives", "Other")]
    public void Reason_Value_PassesCodesOnly(string? reason, string label) => Assert.Equal(label, IssuanceLabels.Reason(reason));

    [Fact]
    public void Reason_VeryLong_Other() => Assert.Equal(IssuanceLabels.OtherReason, IssuanceLabels.Reason(new string('A', 65)));

    [Fact]
    public void RequestedAt_IssuingTrue_ItsTransitionTime()
    {
        var requested = DateTimeOffset.Parse("2026-01-02T03:04:05Z", System.Globalization.CultureInfo.InvariantCulture);
        var certificate = Certificate(new Condition { Type = CertificateConditionTypes.Issuing, Status = ConditionStatus.True, LastTransitionTime = requested });

        Assert.Equal(requested, IssuanceLabels.RequestedAt(certificate, requested.AddMinutes(5)));
    }

    [Fact]
    public void RequestedAt_NoIssuingCondition_Fallback()
    {
        var fallback = DateTimeOffset.UnixEpoch.AddDays(1);
        var certificate = Certificate(new Condition { Type = CertificateConditionTypes.Issuing, Status = ConditionStatus.False, LastTransitionTime = DateTimeOffset.UnixEpoch });

        Assert.Equal(fallback, IssuanceLabels.RequestedAt(certificate, fallback));
    }

    static Issuer Issuer(IssuerSpec spec) => new() { Kind = ResourceKinds.ClusterIssuer, Spec = spec };

    static Certificate Certificate(Condition condition) => new() { Status = new CertificateStatus { Conditions = [condition] } };
}
