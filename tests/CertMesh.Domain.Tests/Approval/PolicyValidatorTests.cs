using CertMesh.Domain.Approval;
using CertMesh.Domain.Resources;

namespace CertMesh.Domain.Tests.Approval;

public sealed class PolicyValidatorTests
{
    private static readonly CertificateRequestPolicy Valid = ApprovalRequests.TeamA;

    public static TheoryData<string, CertificateRequestPolicy, string, string> Invalid => new()
    {
        { "no selector", Valid with { Spec = Valid.Spec with { Selector = new PolicySelector() } }, "spec.selector", "Required value" },
        { "empty pattern", WithDnsNames(["*.team-a.example", ""]), "spec.allowed.dnsNames.values[1]", "must not be empty" },
        { "control character", WithDnsNames(["web\n.example"]), "spec.allowed.dnsNames.values[0]", "control characters" },
        { "long pattern", WithDnsNames([new string('a', 2000)]), "spec.allowed.dnsNames.values[0]", "(limit MaxPatternLength)" },
        { "empty matchNames pattern", Valid with { Spec = Valid.Spec with { Selector = new PolicySelector { Namespace = new SelectorNamespace { MatchNames = [""] } } } }, "spec.selector.namespace.matchNames[0]", "must not be empty" },
        { "min above max", WithConstraints(new PolicyConstraints { MinDuration = "48h", MaxDuration = "24h" }), "spec.constraints.maxDuration", "same value as minDuration (48h0m0s) or larger" },
        { "bad duration", WithConstraints(new PolicyConstraints { MaxDuration = "90d" }), "spec.constraints.maxDuration", "time: unknown unit \"d\"" },
        { "negative duration", WithConstraints(new PolicyConstraints { MinDuration = "-1h" }), "spec.constraints.minDuration", "greater or equal to 0" },
        { "unknown algorithm", WithConstraints(new PolicyConstraints { PrivateKey = new PrivateKeyConstraints { Algorithm = "DSA" } }), "spec.constraints.privateKey.algorithm", "Unsupported value: \"DSA\": supported values: \"RSA\", \"ECDSA\", \"Ed25519\"" },
        { "Ed25519 with size", WithConstraints(new PolicyConstraints { PrivateKey = new PrivateKeyConstraints { Algorithm = "Ed25519", MinSize = 256 } }), "spec.constraints.privateKey.minSize", "cannot be defined with algorithm constraint Ed25519" },
        { "max below min size", WithConstraints(new PolicyConstraints { PrivateKey = new PrivateKeyConstraints { MinSize = 4096, MaxSize = 2048 } }), "spec.constraints.privateKey.maxSize", "same value as minSize or larger" },
        { "size too large", WithConstraints(new PolicyConstraints { PrivateKey = new PrivateKeyConstraints { MaxSize = 16384 } }), "spec.constraints.privateKey.maxSize", "between 0 and 8192" },
        { "unknown usage", Valid with { Spec = Valid.Spec with { Allowed = Valid.Spec.Allowed! with { Usages = ["server auth", "teleport"] } } }, "spec.allowed.usages[1]", "Unsupported value: \"teleport\"" },
        { "required without values", Valid with { Spec = Valid.Spec with { Allowed = new PolicyAllowed { Uris = new AllowedStringSlice { Required = true } } } }, "spec.allowed.uris.values", "Required value" },
        { "CEL validations", Valid with { Spec = Valid.Spec with { Allowed = new PolicyAllowed { CommonName = new AllowedString { Value = "*", Validations = [new ValidationRule { Rule = "self.endsWith('.example')" }] } } } }, "spec.allowed.commonName.validations", "CEL validations are not supported" },
        { "bad name", Valid with { Metadata = new ObjectMeta { Name = "Team_A" } }, "metadata.name", "Invalid value" },
    };

    [Fact]
    public void Validate_TeamAPolicy_NoErrors()
    {
        Assert.Empty(PolicyValidator.Validate(Valid));
    }

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Validate_InvalidPolicy_ErrorNamesFieldAndReason(string scenario, CertificateRequestPolicy policy, string field, string fragment)
    {
        var errors = PolicyValidator.Validate(policy);

        Assert.True(errors.Any(e => e.Field == field && e.Message.Contains(fragment, StringComparison.Ordinal)),
            $"{scenario}: expected {field} ~ {fragment}; got {string.Join(" | ", errors.Select(e => $"{e.Field}: {e.Message}"))}");
    }

    [Fact]
    public void Validate_HugeBadPattern_QuotesOnlyAPrefix()
    {
        var errors = PolicyValidator.Validate(WithDnsNames(["bad\u0001" + new string('x', 1000)]));

        Assert.All(errors, e => Assert.True(e.Message.Length < 300, e.Message));
    }

    private static CertificateRequestPolicy WithDnsNames(IReadOnlyList<string> values) =>
        Valid with { Spec = Valid.Spec with { Allowed = Valid.Spec.Allowed! with { DnsNames = new AllowedStringSlice { Values = values } } } };

    private static CertificateRequestPolicy WithConstraints(PolicyConstraints constraints) =>
        Valid with { Spec = Valid.Spec with { Constraints = constraints } };
}
