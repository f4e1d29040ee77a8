using System.Text.Json;
using CertMesh.WebhookSolver.Solving;

namespace CertMesh.WebhookSolver.Tests.Solving;

public class SolverConfigTests
{
    [Fact]
    public void Parse_NameserverOnly_DefaultsTtlAndKeyName()
    {
        var config = Parse("""{"nameserver":"127.0.0.1:5354"}""", out var errors);

        Assert.Empty(errors);
        Assert.Equal(new Nameserver("127.0.0.1", 5354), config!.Nameserver);
        Assert.Equal(60u, config.Ttl);
        Assert.Null(config.TsigKeyName);
    }

    [Fact]
    public void Parse_AllFieldsAndUnknownOnes_ReadsKnownIgnoresRest()
    {
        var config = Parse("""{"nameserver":"ns.example.test","ttl":300,"tsigKeyName":"other-key","zone":"ignored"}""", out var errors);

        Assert.Empty(errors);
        Assert.Equal(new Nameserver("ns.example.test", 53), config!.Nameserver);
        Assert.Equal(300u, config.Ttl);
        Assert.Equal("other-key", config.TsigKeyName);
    }

    [Theory]
    [InlineData(null, "config.nameserver is required")]
    [InlineData("""{}""", "config.nameserver is required")]
    [InlineData("""{"nameserver":null}""", "config.nameserver is required")]
    [InlineData("""{"nameserver":5354}""", "config.nameserver must be a string")]
    [InlineData("""{"nameserver":"127.0.0.1:99999"}""", "config.nameserver '127.0.0.1:99999' has port '99999'")]
    [InlineData("""{"nameserver":"bad host:53"}""", "config.nameserver 'bad host:53' has a host that is neither")]
    [InlineData("""{"nameserver":"127.0.0.1","ttl":0}""", "config.ttl must be a whole number")]
    [InlineData("""{"nameserver":"127.0.0.1","ttl":"60"}""", "config.ttl must be a whole number")]
    [InlineData("""{"nameserver":"127.0.0.1","ttl":1.5}""", "config.ttl must be a whole number")]
    [InlineData("""{"nameserver":"127.0.0.1","tsigKeyName":""}""", "config.tsigKeyName must be a non-empty string")]
    [InlineData("""["127.0.0.1"]""", "config must be a JSON object")]
    public void Parse_BadConfig_ReportsTheField(string? json, string expected)
    {
        var config = Parse(json, out var errors);

        Assert.Null(config);
        Assert.Contains(errors, e => e.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_SeveralBadFields_ReportsEachOne()
    {
        Parse("""{"ttl":-1,"tsigKeyName":7}""", out var errors);

        Assert.Equal(3, errors.Count);
    }

    static SolverConfig? Parse(string? json, out List<string> errors)
    {
        errors = [];
        JsonElement? element = json is null ? null : JsonDocument.Parse(json).RootElement;
        return SolverConfig.Parse(element, errors);
    }
}
