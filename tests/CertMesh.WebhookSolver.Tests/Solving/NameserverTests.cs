using CertMesh.WebhookSolver.Solving;

namespace CertMesh.WebhookSolver.Tests.Solving;

public class NameserverTests
{
    [Theory]
    [InlineData("127.0.0.1:5354", "127.0.0.1", 5354)]
    [InlineData("127.0.0.1", "127.0.0.1", 53)]
    [InlineData(" ns1.example.test:5353 ", "ns1.example.test", 5353)]
    [InlineData("ns1.example.test", "ns1.example.test", 53)]
    [InlineData("[::1]:5354", "::1", 5354)]
    [InlineData("[::1]", "::1", 53)]
    [InlineData("::1", "::1", 53)]
    public void Parse_Accepted_GivesHostAndPort(string value, string host, int port)
    {
        var nameserver = Nameserver.Parse(value, out var error);

        Assert.Null(error);
        Assert.Equal(new Nameserver(host, port), nameserver);
    }

    [Theory]
    [InlineData("", "has no host")]
    [InlineData(":53", "has no host")]
    [InlineData("[::1", "has no host")]
    [InlineData("127.0.0.1:0", "has port '0'")]
    [InlineData("127.0.0.1:dns", "has port 'dns'")]
    [InlineData("[::1]x", "has port 'x'")]
    [InlineData("bad/host:53", "neither an IP address nor a DNS name")]
    public void Parse_Rejected_ExplainsWhy(string value, string expected)
    {
        var nameserver = Nameserver.Parse(value, out var error);

        Assert.Null(nameserver);
        Assert.StartsWith($"config.nameserver '{value}'", error);
        Assert.Contains(expected, error);
    }

    [Theory]
    [InlineData("127.0.0.1", 5354, "127.0.0.1:5354")]
    [InlineData("::1", 53, "[::1]:53")]
    public void ToString_Address_IsHostPort(string host, int port, string expected) =>
        Assert.Equal(expected, new Nameserver(host, port).ToString());
}
