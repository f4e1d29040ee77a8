using System.Text.Json;
using CertMesh.Contracts.Dns;
using CertMesh.DnsWebhook.Changes;
using CertMesh.DnsWebhook.Config;
using CertMesh.DnsWebhook.Tests.Support;

namespace CertMesh.DnsWebhook.Tests.Config;

public class Dns01ConfigParserTests
{
    [Fact]
    public void Parse_CertManagerRfc2136Solver_ReadsEveryField()
    {
        // cert-manager's documented rfc2136 example, as AcmeOrder copies the selected solver entry.
        const string solver = """
            {"selector":{"dnsZones":["example.com"]},
             "dns01":{"rfc2136":{"nameserver":"1.2.3.4:53","tsigKeyName":"example-com-secret","tsigAlgorithm":"HMACSHA512",
                                 "tsigSecretSecretRef":{"name":"tsig-secret","key":"tsig-secret-key"}}}}
            """;

        var config = Assert.IsType<Rfc2136Config>(Dns01ConfigParser.Parse(solver));

        Assert.Equal(new Rfc2136Config("1.2.3.4:53", "example-com-secret", "HMACSHA512", new SecretKeySelector("tsig-secret", "tsig-secret-key")), config);
        Assert.Equal("rfc2136 1.2.3.4:53", config.Describe);
    }

    [Fact]
    public void Parse_Rfc2136WithoutAlgorithm_DefaultsToHmacMd5AsCertManager()
    {
        const string solver = """{"dns01":{"rfc2136":{"nameserver":"ns1","tsigKeyName":"k","tsigSecretSecretRef":{"name":"s","key":"k"}}}}""";

        var config = Assert.IsType<Rfc2136Config>(Dns01ConfigParser.Parse(solver));

        Assert.Equal("HMACMD5", config.TsigAlgorithm);
    }

    [Theory]
    [InlineData("hmacsha256", "HMACSHA256")]
    [InlineData("hmac-sha1", "HMAC-SHA1")]
    [InlineData("HmacMd5", "HMACMD5")]
    public void Parse_AlgorithmInAnyCase_Accepted(string given, string expected)
    {
        var solver = """{"dns01":{"rfc2136":{"nameserver":"ns1","tsigKeyName":"k","tsigAlgorithm":"@GIVEN@","tsigSecretSecretRef":{"name":"s","key":"k"}}}}""".Replace("@GIVEN@", given, StringComparison.Ordinal);

        Assert.Equal(expected, Assert.IsType<Rfc2136Config>(Dns01ConfigParser.Parse(solver)).TsigAlgorithm);
    }

    [Fact]
    public void Parse_Rfc2136WithoutKeyName_UnsignedAndNoSecretNeeded()
    {
        var config = Assert.IsType<Rfc2136Config>(Dns01ConfigParser.Parse("""{"dns01":{"rfc2136":{"nameserver":"[2001:db8::1]:5353"}}}"""));

        Assert.Null(config.TsigKeyName);
        Assert.Null(config.TsigSecret);
    }

    [Fact]
    public void Parse_Rfc2136ProtocolTcp_OverTcp()
    {
        var config = Assert.IsType<Rfc2136Config>(Dns01ConfigParser.Parse("""{"dns01":{"rfc2136":{"nameserver":"ns1","protocol":"TCP"}}}"""));

        Assert.Equal("TCP", config.Protocol);
        Assert.True(config.OverTcp);
    }

    [Theory]
    [InlineData("""{"nameserver":"ns1"}""")]
    [InlineData("""{"nameserver":"ns1","protocol":""}""")]
    [InlineData("""{"nameserver":"ns1","protocol":null}""")]
    [InlineData("""{"nameserver":"ns1","protocol":"UDP"}""")]
    public void Parse_Rfc2136ProtocolUnsetOrUdp_UdpAsCertManager(string rfc2136)
    {
        var config = Assert.IsType<Rfc2136Config>(Dns01ConfigParser.Parse("""{"dns01":{"rfc2136":""" + rfc2136 + "}}"));

        Assert.Equal("UDP", config.Protocol);
        Assert.False(config.OverTcp);
    }

    [Theory]
    [InlineData("\"tcp\"", "dns01.rfc2136.protocol: 'tcp' is not supported; use TCP or UDP")]
    [InlineData("\"QUIC\"", "dns01.rfc2136.protocol: 'QUIC' is not supported; use TCP or UDP")]
    [InlineData("6", "dns01.rfc2136.protocol: must be a string, got number")]
    public void Parse_Rfc2136BadProtocol_InvalidConfigNamingField(string protocol, string expected)
    {
        var error = Assert.Throws<DnsChangeException>(() =>
            Dns01ConfigParser.Parse("""{"dns01":{"rfc2136":{"nameserver":"ns1","protocol":""" + protocol + "}}}"));

        AssertInvalidConfig(error, expected);
    }

    [Fact]
    public void Parse_DnsPodWebhookSolver_KeepsConfigVerbatim()
    {
        var config = Assert.IsType<WebhookConfig>(Dns01ConfigParser.Parse(Requests.DnsPodSolver));

        Assert.Equal("acme.imroc.cc", config.GroupName);
        Assert.Equal("dnspod", config.SolverName);
        Assert.Equal("webhook acme.imroc.cc/dnspod", config.Describe);
        var expected = """{"secretId":"AKIDxxxxx","secretKeyRef":{"name":"dnspod-secret","key":"secret-key"},"ttl":600,"recordLine":""}""";
        Assert.Equal(expected, JsonSerializer.Serialize(config.Config));
    }

    [Fact]
    public void Parse_WebhookWithoutConfig_ConfigNull()
    {
        var config = Assert.IsType<WebhookConfig>(Dns01ConfigParser.Parse("""{"dns01":{"webhook":{"groupName":"g.example","solverName":"s"}}}"""));

        Assert.Null(config.Config);
    }

    [Fact]
    public void Parse_CnameStrategyBesideProvider_Ignored()
    {
        var config = Dns01ConfigParser.Parse("""{"dns01":{"cnameStrategy":"Follow","rfc2136":{"nameserver":"ns1"}}}""");

        Assert.IsType<Rfc2136Config>(config);
    }

    [Theory]
    [InlineData("cloudflare", """{"email":"a@example.com","apiTokenSecretRef":{"name":"cf","key":"token"}}""")]
    [InlineData("route53", """{"region":"eu-west-1"}""")]
    [InlineData("azureDNS", """{"subscriptionID":"x","resourceGroupName":"y","hostedZoneName":"z"}""")]
    [InlineData("cloudDNS", """{"project":"p"}""")]
    [InlineData("acmeDNS", """{"host":"https://acme-dns.example"}""")]
    [InlineData("digitalocean", """{"tokenSecretRef":{"name":"do","key":"token"}}""")]
    [InlineData("akamai", """{"serviceConsumerDomain":"x"}""")]
    public void Parse_OtherCertManagerProvider_InvalidConfigNamingFieldAndSupported(string provider, string body)
    {
        var error = Assert.Throws<DnsChangeException>(() => Dns01ConfigParser.Parse($"{{\"dns01\":{{\"{provider}\":{body}}}}}"));

        AssertInvalidConfig(error, $"dns01.{provider}:");
        Assert.Contains("only rfc2136 and webhook are supported", error.Message);
    }

    [Theory]
    [InlineData("""{"dns01":{}}""", "dns01: no DNS-01 provider")]
    [InlineData("""{"dns01":{"cnameStrategy":"Follow"}}""", "dns01: no DNS-01 provider")]
    [InlineData("""{"http01":{"ingress":{}}}""", "dns01: the solver has no dns01")]
    [InlineData("""{"dns01":{"powerdns":{}}}""", "dns01.powerdns: unknown DNS-01 provider")]
    public void Parse_NoUsableProvider_InvalidConfigNamingField(string solver, string expected)
    {
        var error = Assert.Throws<DnsChangeException>(() => Dns01ConfigParser.Parse(solver));

        AssertInvalidConfig(error, expected);
        Assert.Contains("only rfc2136 and webhook are supported", error.Message);
    }

    [Fact]
    public void Parse_TwoProviders_InvalidConfigListingThem()
    {
        var error = Assert.Throws<DnsChangeException>(() =>
            Dns01ConfigParser.Parse("""{"dns01":{"rfc2136":{"nameserver":"ns1"},"webhook":{"groupName":"g","solverName":"s"}}}"""));

        AssertInvalidConfig(error, "dns01: 2 providers configured (rfc2136, webhook)");
    }

    [Fact]
    public void Parse_Rfc2136SeveralMistakes_ReportsEveryOne()
    {
        var error = Assert.Throws<DnsChangeException>(() =>
            Dns01ConfigParser.Parse("""{"dns01":{"rfc2136":{"tsigKeyName":"k","tsigAlgorithm":"HMACSHA384","tsigSecretSecretRef":{"name":"s"}}}}"""));

        AssertInvalidConfig(error, "dns01.rfc2136.nameserver: required");
        Assert.Contains("dns01.rfc2136.tsigAlgorithm: 'HMACSHA384' is not supported", error.Message);
        Assert.Contains("dns01.rfc2136.tsigSecretSecretRef.key: required", error.Message);
    }

    [Fact]
    public void Parse_KeyNameWithoutSecretRef_InvalidConfigNamingSecretRef()
    {
        var error = Assert.Throws<DnsChangeException>(() => Dns01ConfigParser.Parse("""{"dns01":{"rfc2136":{"nameserver":"ns1","tsigKeyName":"k"}}}"""));

        AssertInvalidConfig(error, "dns01.rfc2136.tsigSecretSecretRef: required when tsigKeyName is set");
    }

    [Fact]
    public void Parse_WebhookWithoutNames_InvalidConfigNamingBoth()
    {
        var error = Assert.Throws<DnsChangeException>(() => Dns01ConfigParser.Parse("""{"dns01":{"webhook":{"config":{}}}}"""));

        AssertInvalidConfig(error, "dns01.webhook.groupName: required");
        Assert.Contains("dns01.webhook.solverName: required", error.Message);
    }

    [Fact]
    public void Parse_NameserverNotAString_InvalidConfigNamingType()
    {
        var error = Assert.Throws<DnsChangeException>(() => Dns01ConfigParser.Parse("""{"dns01":{"rfc2136":{"nameserver":53}}}"""));

        AssertInvalidConfig(error, "dns01.rfc2136.nameserver: must be a string, got number");
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    public void Parse_NotAJsonObject_InvalidConfig(string solver)
    {
        var error = Assert.Throws<DnsChangeException>(() => Dns01ConfigParser.Parse(solver));

        AssertInvalidConfig(error, "solver: ");
    }

    static void AssertInvalidConfig(DnsChangeException error, string expectedStart)
    {
        Assert.Equal(DnsRecordFailureReasons.InvalidConfig, error.Reason);
        Assert.False(error.Retryable);
        Assert.StartsWith(expectedStart, error.Message);
    }
}
