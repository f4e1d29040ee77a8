using CertMesh.Contracts;
using CertMesh.Domain.Tests.Support;
using CertMesh.Domain.Validation;

namespace CertMesh.Domain.Tests.Validation;

public sealed class CertificateValidatorTests
{
    public static TheoryData<string> BadInputs => new(CertificateValidatorCases.All.Keys);

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void Validate_BadInput_ReportsThatFieldOnly(string name)
    {
        var bad = CertificateValidatorCases.All[name];

        var errors = CertificateValidator.Validate(bad.Command(), bad.Issuer);

        Assert.Contains(errors, e => e.Field == bad.Field && e.Message.Contains(bad.Fragment, StringComparison.Ordinal));
        Assert.All(errors, e => Assert.Equal(bad.Field, e.Field));
    }

    [Fact]
    public void Validate_FullyValidSpec_NoErrors()
    {
        Assert.Empty(CertificateValidator.Validate(Commands.Valid(), Commands.CaIssuer));
    }

    [Fact]
    public void Validate_ValidCsrMatchingSpec_NoErrors()
    {
        Assert.Empty(CertificateValidator.Validate(Commands.ValidWithCsr(), Commands.CaIssuer));
    }

    [Fact]
    public void Validate_ValidForAcmeWithWildcardAndDns01_NoErrors()
    {
        var command = Commands.WithSpec(s => s with { DnsNames = [.. s.DnsNames!, "*.example.com"] }, Commands.ValidForAcme());

        Assert.Empty(CertificateValidator.Validate(command, Commands.AcmeWithDns01));
    }

    [Fact]
    public void Validate_MinimalSpec_DefaultsAreValid()
    {
        var command = new IssueCertificate
        {
            Name = "web",
            Spec = new CertificateSpec { SecretName = "web-tls", IssuerRef = new IssuerReference { Name = "ca" }, DnsNames = ["web.example.com"] },
        };

        Assert.Empty(CertificateValidator.Validate(command, Commands.CaIssuer));
    }

    [Fact]
    public void Validate_ExternalIssuerGroup_NoKindOrExistenceCheck()
    {
        var command = Commands.WithSpec(s => s with
        {
            IssuerRef = new IssuerReference { Name = "kms", Kind = "AWSPCAClusterIssuer", Group = "awspca.cert-manager.io" },
        });

        Assert.Empty(CertificateValidator.Validate(command, IssuerLookup.NotFound));
    }

    [Fact]
    public void Validate_ManyProblems_CollectsEveryOne()
    {
        var command = Commands.Valid() with
        {
            Namespace = "Bad_NS",
            Spec = Commands.Valid().Spec with
            {
                SecretName = "",
                DnsNames = ["ok.example.com", "bad..example.com", "*"],
                IpAddresses = ["999.1.1.1"],
                Duration = "10m",
                RenewBefore = "1m",
                PrivateKey = new CertificatePrivateKey { Algorithm = "RSA", Size = 1024, Encoding = "DER" },
                RevisionHistoryLimit = 0,
            },
        };

        var fields = CertificateValidator.Validate(command, IssuerLookup.NotFound).Select(e => e.Field).ToHashSet();

        string[] expected =
        [
            "metadata.namespace", "spec.secretName", "spec.issuerRef.name", "spec.dnsNames[1]", "spec.dnsNames[2]",
            "spec.ipAddresses[0]", "spec.duration", "spec.renewBefore", "spec.privateKey.size", "spec.privateKey.encoding",
            "spec.revisionHistoryLimit",
        ];
        Assert.Equal(expected.Order(), fields.Order());
    }

    [Fact]
    public void Validate_OneDnsNameWithSeveralProblems_ReportsEach()
    {
        var command = Commands.WithSpec(s => s with { DnsNames = ["-a_b.web..example.com"] });

        var messages = CertificateValidator.Validate(command, Commands.CaIssuer).Select(e => e.Message).ToList();

        Assert.Contains(messages, m => m.Contains("empty labels", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("invalid character '_'", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("must not start or end with '-'", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_Certificate_UsesSameRules()
    {
        var certificate = new CertMesh.Domain.Resources.Certificate
        {
            Metadata = new CertMesh.Domain.Resources.ObjectMeta { Namespace = "default", Name = "" },
            Spec = Commands.Valid().Spec,
        };

        var error = Assert.Single(CertificateValidator.Validate(certificate, Commands.CaIssuer));

        Assert.Equal("metadata.name", error.Field);
    }

    [Fact]
    public void Validate_TenThousandBadDnsNames_ReportsTheLimitAndAtMostAHundredErrors()
    {
        var command = Commands.WithSpec(s => s with { DnsNames = [.. Enumerable.Range(0, 10_000).Select(i => $"bad_{i}.example.com")] });

        var errors = CertificateValidator.Validate(command, Commands.CaIssuer);

        Assert.Equal(FieldErrors.MaxReported + 1, errors.Count);
        Assert.Contains(errors, e => e.Field == "spec" && e.Message.Contains("Too many: 10004", StringComparison.Ordinal));
        Assert.Equal("", errors[^1].Field);
        Assert.StartsWith("9901 more errors not shown (at most 100 are reported", errors[^1].Message);
        Assert.True(errors.Sum(e => e.Field.Length + e.Message.Length) < 30_000);
    }

    [Theory]
    [InlineData("dnsName")]
    [InlineData("uri")]
    [InlineData("email")]
    [InlineData("duration")]
    [InlineData("issuerRef")]
    [InlineData("annotation key")]
    public void Validate_LongBadValue_QuotesOnlyAPrefix(string where)
    {
        var bad = new string('x', 400_000) + " bad";
        var command = where switch
        {
            "dnsName" => Commands.WithSpec(s => s with { DnsNames = [bad] }),
            "uri" => Commands.WithSpec(s => s with { Uris = [bad] }),
            "email" => Commands.WithSpec(s => s with { EmailAddresses = [bad] }),
            "duration" => Commands.WithSpec(s => s with { Duration = bad }),
            "issuerRef" => Commands.WithSpec(s => s with { IssuerRef = s.IssuerRef with { Name = bad } }),
            _ => Commands.Valid() with { Annotations = new Dictionary<string, string> { [bad] = "x" } },
        };

        var errors = CertificateValidator.Validate(command, IssuerLookup.NotFound);

        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.True(e.Message.Length < 600, $"{e.Field}: {e.Message.Length} characters"));
        Assert.Contains(errors, e => e.Message.Contains($"\"{new string('x', 64)}...\" ({bad.Length} characters)", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_CsrForOtherNames_ListsAFewOfThem()
    {
        var names = CertificateValidatorCases.DnsNames(40);
        var command = Commands.ValidWithCsr() with { Spec = Commands.ValidWithCsr().Spec with { DnsNames = names, IpAddresses = null, Uris = null, EmailAddresses = null, CommonName = null } };

        var error = Assert.Single(CertificateValidator.Validate(command, Commands.CaIssuer), e => e.Message.Contains("only in spec.dnsNames", StringComparison.Ordinal));

        Assert.Contains("and 30 more", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BusCommandWithTenThousandNamesAndFiveMegabyteAnnotation_RefusedOnItsSizeAlone()
    {
        // What an application could publish as IssueCertificate straight to Trigger, bypassing the Api's body limit.
        var command = Commands.WithSpec(s => s with { DnsNames = CertificateValidatorCases.DnsNames(10_000) }) with
        {
            Annotations = new Dictionary<string, string> { ["note"] = new string('a', 5 * 1024 * 1024) },
        };

        var error = Assert.Single(CertificateValidator.Validate(command, Commands.CaIssuer));

        Assert.Equal("", error.Field);
        Assert.Matches(@"^Too long: must have at most 1048576 bytes as JSON, got 5\d{6} \(limit MaxObjectBytes\)$", error.Message);
    }

    [Fact]
    public void Validate_AHundredNames_IsWithinTheLimit()
    {
        var command = Commands.WithSpec(s => s with { DnsNames = CertificateValidatorCases.DnsNames(96) });

        Assert.Empty(CertificateValidator.Validate(command, Commands.CaIssuer));
    }

    [Fact]
    public void Rules_AtLeastThirtyKindsOfBadInput_AreCovered()
    {
        Assert.True(CertificateValidatorCases.All.Count >= 30);
    }
}
