using System.Text;
using System.Text.Json;
using CertMesh.Domain.Acme;

namespace CertMesh.Domain.Tests.Acme;

public sealed class AcmeIssuerConfigTests
{
    private static (bool Ok, AcmeIssuerConfig? Config, string Error) Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var ok = AcmeIssuerConfig.TryParse(document.RootElement.Clone(), out var config, out var error);
        return (ok, config, error);
    }

    [Fact]
    public void TryParse_FullSpec_ReadsEveryField()
    {
        var bundle = Convert.ToBase64String(Encoding.UTF8.GetBytes("-----BEGIN CERTIFICATE-----\nAA==\n-----END CERTIFICATE-----\n"));
        var (ok, config, error) = Parse("""
            {"server":"https://acme.test/dir","email":"ops@example.com","privateKeySecretRef":{"name":"acct"},
             "externalAccountBinding":{"keyID":"kid-1","keySecretRef":{"name":"eab","key":"secret"},"keyAlgorithm":"HS256"},
             "preferredChain":"ISRG Root X1","profile":"tlsserver","enableDurationFeature":true,"caBundle":"BUNDLE","skipTLSVerify":true,
             "solvers":[{"http01":{"ingress":{}}},{"dns01":{"rfc2136":{"nameserver":"127.0.0.1"}},"selector":{"dnsNames":["a.example.com"],"dnsZones":["example.com"],"matchLabels":{"team":"shop"}}}]}
            """.Replace("BUNDLE", bundle, StringComparison.Ordinal));

        Assert.True(ok, error);
        Assert.Equal(new Uri("https://acme.test/dir"), config!.Server);
        Assert.Equal("ops@example.com", config.Email);
        Assert.Equal("acct", config.PrivateKeySecretName);
        Assert.Equal(new AcmeExternalAccountBinding { KeyId = "kid-1", KeySecretName = "eab", KeySecretKey = "secret", KeyAlgorithm = "HS256" }, config.ExternalAccountBinding);
        Assert.Equal("ISRG Root X1", config.PreferredChain);
        Assert.Equal("tlsserver", config.Profile);
        Assert.True(config.EnableDurationFeature);
        Assert.True(config.SkipTlsVerify);
        Assert.StartsWith("-----BEGIN CERTIFICATE-----", config.CaBundlePem, StringComparison.Ordinal);
        Assert.Equal(2, config.Solvers.Count);
        Assert.Equal(SolverTypes.Http01, config.Solvers[0].Type);
        Assert.Null(config.Solvers[0].Selector);
        Assert.Equal(SolverTypes.Dns01, config.Solvers[1].Type);
        Assert.Equal(1, config.Solvers[1].Index);
        Assert.Equal(["a.example.com"], config.Solvers[1].Selector!.DnsNames);
        Assert.Equal(["example.com"], config.Solvers[1].Selector!.DnsZones);
        Assert.Equal("shop", config.Solvers[1].Selector!.MatchLabels["team"]);
        Assert.Equal("127.0.0.1", JsonDocument.Parse(config.Solvers[1].Json).RootElement.GetProperty("dns01").GetProperty("rfc2136").GetProperty("nameserver").GetString());
    }

    [Fact]
    public void TryParse_Minimal_DefaultsOff()
    {
        var (ok, config, error) = Parse("""{"server":"https://acme.test/dir","privateKeySecretRef":{"name":"acct"}}""");

        Assert.True(ok, error);
        Assert.Null(config!.Email);
        Assert.Null(config.ExternalAccountBinding);
        Assert.False(config.EnableDurationFeature);
        Assert.Null(config.CaBundlePem);
        Assert.Empty(config.Solvers);
    }

    [Fact]
    public void TryParse_SolverWithBothTypes_NeverHasAType()
    {
        var (ok, config, error) = Parse("""{"server":"https://acme.test/dir","privateKeySecretRef":{"name":"acct"},"solvers":[{"http01":{},"dns01":{}}]}""");

        Assert.True(ok, error);
        Assert.Null(config!.Solvers.Single().Type);
    }

    [Theory]
    [InlineData("""[]""", "spec.acme: must be an object")]
    [InlineData("""{"privateKeySecretRef":{"name":"acct"}}""", "spec.acme.server")]
    [InlineData("""{"server":"acme","privateKeySecretRef":{"name":"acct"}}""", "spec.acme.server")]
    [InlineData("""{"server":"https://acme.test/dir"}""", "spec.acme.privateKeySecretRef.name: Required value")]
    [InlineData("""{"server":"https://acme.test/dir","privateKeySecretRef":{"name":"acct"},"caBundle":"%%%"}""", "spec.acme.caBundle")]
    [InlineData("""{"server":"https://acme.test/dir","privateKeySecretRef":{"name":"acct"},"externalAccountBinding":{"keySecretRef":{"name":"eab","key":"k"}}}""", "spec.acme.externalAccountBinding.keyID")]
    [InlineData("""{"server":"https://acme.test/dir","privateKeySecretRef":{"name":"acct"},"externalAccountBinding":{"keyID":"kid","keySecretRef":{"name":"eab"}}}""", "spec.acme.externalAccountBinding.keySecretRef.key")]
    public void TryParse_Unusable_NamesTheField(string json, string expected)
    {
        var (ok, _, error) = Parse(json);

        Assert.False(ok);
        Assert.StartsWith(expected, error, StringComparison.Ordinal);
    }
}
