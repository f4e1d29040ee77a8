using System.Text.Json;
using CertMesh.Domain.Resources;
using CertMesh.Domain.Validation;

namespace CertMesh.Domain.Tests.Validation;

/// <summary><c>spec.acme.solvers[].dns01</c> through the whole issuer validator, so paths are checked in full.</summary>
public sealed class Dns01SolverRulesTests
{
    private const string Solver = "spec.acme.solvers[0].dns01";

    private const string Rfc2136Full = """
        {"rfc2136":{"nameserver":"10.0.0.53:53","tsigKeyName":"certmesh-key","tsigAlgorithm":"HMACSHA256",
                    "tsigSecretSecretRef":{"name":"tsig-secret","key":"tsig-secret-key"}}}
        """;

    private const string DnsPodWebhook = """
        {"webhook":{"groupName":"acme.imroc.cc","solverName":"dnspod",
                    "config":{"secretId":"AKIDxxxxx","secretKeyRef":{"name":"dnspod-secret","key":"secret-key"},"ttl":600,"recordLine":""}}}
        """;

    public static TheoryData<string> GoodDns01 => new(
    [
        Rfc2136Full,
        """{"rfc2136":{"nameserver":"ns1.example.com"}}""",
        """{"rfc2136":{"nameserver":"[2001:db8::53]:5353","tsigKeyName":"k","tsigSecretSecretRef":{"name":"s","key":"k"}}}""",
        """{"rfc2136":{"nameserver":"10.0.0.53","tsigAlgorithm":"hmacsha512","tsigKeyName":"k","tsigSecretSecretRef":{"name":"s","key":"k"}}}""",
        """{"rfc2136":{"nameserver":"10.0.0.53","tsigAlgorithm":"","protocol":"TCP"}}""",
        DnsPodWebhook,
        """{"webhook":{"groupName":"acme.example.com","solverName":"x","config":[1,"two",null]}}""",
        """{"webhook":{"groupName":"acme.example.com","solverName":"x"},"cnameStrategy":"Follow"}""",
        """{"rfc2136":{"nameserver":"10.0.0.53"},"cnameStrategy":"None"}""",
        """{"cloudflare":{"apiTokenSecretRef":{"name":"cf","key":"token"}}}""",
        """{"route53":{"region":"eu-west-1"}}""",
        """{"acmeDNS":{"host":"https://auth.example.com"}}""",
    ]);

    [Theory]
    [MemberData(nameof(GoodDns01))]
    public void Validate_CertManagerDns01Solver_NoErrors(string dns01)
    {
        Assert.Empty(IssuerValidator.Validate(IssuerWith(dns01)));
    }

    public static TheoryData<string, string, string> BadDns01 => new()
    {
        { "{}", Solver, "Required value: no DNS01 provider configured: set one of rfc2136 or webhook" },
        { """{"cnameStrategy":"Follow"}""", Solver, "Required value: no DNS01 provider configured" },
        { """{"rfc2136":{"nameserver":"10.0.0.53"},"webhook":{"groupName":"a.b","solverName":"x"}}""", Solver, "Forbidden: may not specify more than one provider type, got rfc2136, webhook" },
        { """{"rfc2136":{"nameserver":"10.0.0.53"},"cloudflare":{}}""", Solver, "Forbidden: may not specify more than one provider type, got rfc2136, cloudflare" },
        { """{"webhook":{"groupName":"a.b","solverName":"x"},"cnameStrategy":"follow"}""", $"{Solver}.cnameStrategy", "Unsupported value: \"follow\": supported values: \"None\", \"Follow\"" },
        { """{"rfc2136":{}}""", $"{Solver}.rfc2136.nameserver", "Required value: the zone's primary DNS server" },
        { """{"rfc2136":{"nameserver":"ns 1:53"}}""", $"{Solver}.rfc2136.nameserver", "Invalid value: \"ns 1:53\": host \"ns 1\" is neither an IP address nor a valid DNS name" },
        { """{"rfc2136":{"nameserver":"10.0.0.53:domain"}}""", $"{Solver}.rfc2136.nameserver", "port \"domain\" must be a number from 1 to 65535" },
        { """{"rfc2136":{"nameserver":"300.1.1.1"}}""", $"{Solver}.rfc2136.nameserver", "host \"300.1.1.1\" is not a valid IPv4 address" },
        { """{"rfc2136":{"nameserver":"10.0.0.53","tsigAlgorithm":"HMACSHA384"}}""", $"{Solver}.rfc2136.tsigAlgorithm", "Unsupported value: \"HMACSHA384\": supported values: \"HMACMD5\", \"HMACSHA1\", \"HMACSHA256\", \"HMACSHA512\"" },
        { """{"rfc2136":{"nameserver":"10.0.0.53","protocol":"tcp"}}""", $"{Solver}.rfc2136.protocol", "Unsupported value: \"tcp\": supported values: \"TCP\", \"UDP\"" },
        { """{"rfc2136":{"nameserver":"10.0.0.53","tsigKeyName":"k"}}""", $"{Solver}.rfc2136.tsigSecretSecretRef.name", "Required value: the name of the Secret holding the base64 TSIG secret, required when tsigKeyName is set" },
        { """{"rfc2136":{"nameserver":"10.0.0.53","tsigKeyName":"k"}}""", $"{Solver}.rfc2136.tsigSecretSecretRef.key", "Required value: the key within the Secret holding the base64 TSIG secret, required when tsigKeyName is set" },
        { """{"rfc2136":{"nameserver":"10.0.0.53","tsigKeyName":"k","tsigSecretSecretRef":{"name":"s"}}}""", $"{Solver}.rfc2136.tsigSecretSecretRef.key", "Required value" },
        { """{"rfc2136":{"nameserver":"10.0.0.53","tsigSecretSecretRef":{"name":"s","key":"k"}}}""", $"{Solver}.rfc2136.tsigKeyName", "Required value: the name of the TSIG key, required when tsigSecretSecretRef is set" },
        { """{"rfc2136":{"nameserver":"10.0.0.53","tsigKeyName":"k","tsigSecretSecretRef":{"name":"S","key":"k"}}}""", $"{Solver}.rfc2136.tsigSecretSecretRef.name", "RFC 1123 subdomain" },
        { """{"rfc2136":{"nameserver":"10.0.0.53","tsigKeyName":"k","tsigSecretSecretRef":{"name":"s","key":"a/b"}}}""", $"{Solver}.rfc2136.tsigSecretSecretRef.key", "Invalid value: \"a/b\": a valid config key must consist of alphanumeric characters" },
        { """{"rfc2136":"10.0.0.53"}""", $"{Solver}.rfc2136", "must be an object" },
        { """{"webhook":{"solverName":"dnspod"}}""", $"{Solver}.webhook.groupName", "Required value: the API group the webhook solver serves" },
        { """{"webhook":{"groupName":"Acme_Group","solverName":"dnspod"}}""", $"{Solver}.webhook.groupName", "Invalid value: \"Acme_Group\": an API group name: a lowercase RFC 1123 subdomain" },
        { """{"webhook":{"groupName":"acme.imroc.cc"}}""", $"{Solver}.webhook.solverName", "Required value: the solver's name within its group" },
        { """{"webhook":{"groupName":"acme.imroc.cc","solverName":" "}}""", $"{Solver}.webhook.solverName", "Required value" },
    };

    [Theory]
    [MemberData(nameof(BadDns01))]
    public void Validate_BadDns01Solver_NamesFieldAndReason(string dns01, string field, string message)
    {
        var errors = IssuerValidator.Validate(IssuerWith(dns01));

        Assert.Contains(errors, e => e.Field == field && e.Message.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_KeyNameWithoutSecretRef_ReportsOnlyTheMissingRef()
    {
        var errors = IssuerValidator.Validate(IssuerWith("""{"rfc2136":{"nameserver":"10.0.0.53","tsigKeyName":"k"}}"""));

        Assert.Equal([$"{Solver}.rfc2136.tsigSecretSecretRef.name", $"{Solver}.rfc2136.tsigSecretSecretRef.key"], errors.Select(e => e.Field));
    }

    [Fact]
    public void Validate_ManyDns01Problems_CollectsEveryOne()
    {
        var dns01 = """{"rfc2136":{"tsigAlgorithm":"MD5","tsigSecretSecretRef":{"name":"s"}},"cnameStrategy":"Always"}""";

        var fields = IssuerValidator.Validate(IssuerWith(dns01)).Select(e => e.Field).Order();

        Assert.Equal(
        [
            $"{Solver}.cnameStrategy",
            $"{Solver}.rfc2136.nameserver",
            $"{Solver}.rfc2136.tsigAlgorithm",
            $"{Solver}.rfc2136.tsigKeyName",
            $"{Solver}.rfc2136.tsigSecretSecretRef.key",
        ], fields);
    }

    [Fact]
    public void Validate_SecondSolver_IsNamedByItsIndex()
    {
        var acme = """
            {"server":"https://acme.example/dir","privateKeySecretRef":{"name":"acme-account"},
             "solvers":[{"http01":{"ingress":{}}},{"dns01":{"webhook":{"groupName":"acme.example.com"}}}]}
            """;

        var error = Assert.Single(IssuerValidator.Validate(Issuer(acme)));

        Assert.Equal("spec.acme.solvers[1].dns01.webhook.solverName", error.Field);
    }

    [Fact]
    public void Validate_Dns01NotAnObject_SaysSo()
    {
        var error = Assert.Single(IssuerValidator.Validate(IssuerWith("[]")));

        Assert.Equal((Solver, "Invalid value: \"Array\": must be an object"), (error.Field, error.Message));
    }

    private static Issuer IssuerWith(string dns01) => Issuer($$"""
        {"server":"https://acme.example/dir","privateKeySecretRef":{"name":"acme-account"},"solvers":[{"dns01":{{dns01}}}]}
        """);

    private static Issuer Issuer(string acme) => new()
    {
        Kind = ResourceKinds.ClusterIssuer,
        Metadata = new ObjectMeta { Namespace = ResourceKinds.ClusterNamespace, Name = "dns" },
        Spec = new IssuerSpec { Acme = JsonDocument.Parse(acme).RootElement.Clone() },
    };
}
