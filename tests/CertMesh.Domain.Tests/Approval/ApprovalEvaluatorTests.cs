using CertMesh.Domain.Approval;
using CertMesh.Domain.Resources;
using static CertMesh.Domain.Tests.Approval.ApprovalRequests;

namespace CertMesh.Domain.Tests.Approval;

public sealed class ApprovalEvaluatorTests
{
    private static readonly Shape Inside = new();

    public static TheoryData<string, Shape, string> Denials => new()
    {
        { "extra SAN", Inside with { DnsNames = ["web.team-a.example", "evil.example"] }, "spec.allowed.dnsNames.values: Invalid value: [\"evil.example\"]: *.team-a.example" },
        { "longer duration", Inside with { Duration = "8760h" }, "spec.constraints.maxDuration: Invalid value: \"8760h0m0s\": 2160h" },
        { "shorter duration", Inside with { Duration = "30m" }, "spec.constraints.minDuration: Invalid value: \"30m0s\": 1h" },
        { "isCA not allowed", Inside with { IsCA = true }, "spec.allowed.isCA: Invalid value: true: nil" },
        { "IP SAN not allowed at all", Inside with { IpAddresses = ["10.0.0.1"] }, "spec.allowed.ipAddresses: Invalid value: [\"10.0.0.1\"]: no allowed values" },
        { "usage outside the list", Inside with { Usages = ["client auth"] }, "spec.allowed.usages: Invalid value: [\"client auth\"]: digital signature, key encipherment, server auth" },
        { "required dnsNames missing", Inside with { DnsNames = [] }, "spec.allowed.dnsNames.required: Required value: true" },
        { "common name outside", Inside with { CommonName = "web.team-b.example" }, "spec.allowed.commonName.value: Invalid value: \"web.team-b.example\": *.team-a.example" },
        { "organization outside", Inside with { Organization = "Team B" }, "spec.allowed.subject.organizations.values: Invalid value: [\"Team B\"]: Team A" },
    };

    [Fact]
    public void Evaluate_RequestInsidePolicy_ApprovedNamingPolicy()
    {
        var decision = ApprovalEvaluator.Evaluate([TeamA], Build(Inside with { Organization = "Team A" }), NoLabels);

        Assert.Equal(ApprovalResult.Approved, decision.Result);
        Assert.Equal("Approved by CertificateRequestPolicy: \"team-a\"", decision.Message);
        Assert.Equal("team-a", decision.PolicyName);
    }

    [Theory]
    [MemberData(nameof(Denials))]
    public void Evaluate_RequestOutsidePolicy_DeniedNamingPolicyAndField(string scenario, Shape shape, string violation)
    {
        var decision = ApprovalEvaluator.Evaluate([TeamA], Build(shape), NoLabels);

        Assert.True(decision.Result == ApprovalResult.Denied, scenario);
        Assert.Equal($"No policy approved this request: [team-a: {violation}]", decision.Message);
    }

    [Fact]
    public void Evaluate_Rsa1024UnderMinSize2048_DeniedNamingMinSize()
    {
        var rsaOnly = TeamA with { Spec = TeamA.Spec with { Constraints = new PolicyConstraints { PrivateKey = new PrivateKeyConstraints { Algorithm = "RSA", MinSize = 2048 } } } };

        var decision = ApprovalEvaluator.Evaluate([rsaOnly], Build(Inside with { Rsa1024Key = true }), NoLabels);

        Assert.Equal("No policy approved this request: [team-a: spec.constraints.privateKey.minSize: Invalid value: \"1024\": 2048]", decision.Message);
    }

    [Theory]
    [InlineData("team-b", "ca-issuer", "ClusterIssuer")]
    [InlineData("team-a", "vault", "ClusterIssuer")]
    [InlineData("team-a", "ca-issuer", null)]
    public void Evaluate_NoPolicySelects_NoPolicy(string @namespace, string issuer, string? kind)
    {
        var decision = ApprovalEvaluator.Evaluate([TeamA], Build(Inside with { Namespace = @namespace, IssuerName = issuer, IssuerKind = kind }), NoLabels);

        Assert.Equal(ApprovalResult.NoPolicy, decision.Result);
    }

    [Fact]
    public void Evaluate_OnePolicyOfSeveralPermits_Approved()
    {
        var strict = TeamA with { Metadata = new ObjectMeta { Name = "a-strict" }, Spec = TeamA.Spec with { Constraints = new PolicyConstraints { MaxDuration = "1h" } } };

        var decision = ApprovalEvaluator.Evaluate([strict, TeamA], Build(Inside), NoLabels);

        Assert.Equal("Approved by CertificateRequestPolicy: \"team-a\"", decision.Message);
    }

    [Fact]
    public void Evaluate_NoneOfSeveralPermits_DeniedListingEachInNameOrder()
    {
        var strict = TeamA with { Metadata = new ObjectMeta { Name = "a-strict" }, Spec = TeamA.Spec with { Constraints = new PolicyConstraints { MaxDuration = "1h" } } };

        var decision = ApprovalEvaluator.Evaluate([TeamA, strict], Build(Inside with { IsCA = true }), NoLabels);

        Assert.Equal(
            "No policy approved this request: [a-strict: spec.allowed.isCA: Invalid value: true: nil, spec.constraints.maxDuration: Invalid value: \"720h0m0s\": 1h] " +
            "[team-a: spec.allowed.isCA: Invalid value: true: nil]",
            decision.Message);
    }

    [Fact]
    public void Evaluate_NamespaceLabelsRequiredAndPresent_Selected()
    {
        var byLabel = TeamA with { Spec = TeamA.Spec with { Selector = new PolicySelector { Namespace = new SelectorNamespace { MatchLabels = new Dictionary<string, string> { ["team"] = "a" } } } } };
        var labels = new Dictionary<string, string> { ["team"] = "a", ["env"] = "prod" };

        Assert.Equal(ApprovalResult.Approved, ApprovalEvaluator.Evaluate([byLabel], Build(Inside), labels).Result);
        Assert.Equal(ApprovalResult.NoPolicy, ApprovalEvaluator.Evaluate([byLabel], Build(Inside), NoLabels).Result);
    }

    [Fact]
    public void Evaluate_EmptyIssuerRefSelector_SelectsEveryIssuer()
    {
        var everyIssuer = TeamA with { Spec = TeamA.Spec with { Selector = new PolicySelector { IssuerRef = new SelectorIssuerRef() } } };

        var decision = ApprovalEvaluator.Evaluate([everyIssuer], Build(Inside with { Namespace = "elsewhere", IssuerName = "vault", IssuerKind = null }), NoLabels);

        Assert.Equal(ApprovalResult.Approved, decision.Result);
    }

    [Fact]
    public void Evaluate_UnreadableCsrSelected_DeniedNotApproved()
    {
        var request = Build(Inside) with { };
        request = request with { Spec = request.Spec with { Request = "-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----" } };

        Assert.Equal(ApprovalResult.Denied, ApprovalEvaluator.Evaluate([TeamA], request, NoLabels).Result);
        Assert.Equal(ApprovalResult.NoPolicy, ApprovalEvaluator.Evaluate([], request, NoLabels).Result);
    }
}
