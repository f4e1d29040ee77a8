using System.Net;
using CertMesh.Contracts.Dns;
using CertMesh.DnsWebhook.Changes;
using CertMesh.DnsWebhook.Providers.Rfc2136;

namespace CertMesh.DnsWebhook.Tests.Providers.Rfc2136;

public class NameserverTests
{
    [Theory]
    [InlineData("127.0.0.1:5354", "127.0.0.1", 5354, "127.0.0.1:5354")]
    [InlineData("127.0.0.1", "127.0.0.1", 53, "127.0.0.1:53")]
    [InlineData("127.0.0.1:", "127.0.0.1", 53, "127.0.0.1:53")]
    [InlineData(" ns1.example.com:5353 ", "ns1.example.com", 5353, "ns1.example.com:5353")]
    [InlineData("ns1.example.com", "ns1.example.com", 53, "ns1.example.com:53")]
    [InlineData("[2001:db8::1]:5353", "2001:db8::1", 5353, "[2001:db8::1]:5353")]
    [InlineData("[2001:db8::1]", "2001:db8::1", 53, "[2001:db8::1]:53")]
    [InlineData("2001:db8::1", "2001:db8::1", 53, "[2001:db8::1]:53")]
    public void Parse_CertManagerForms_HostPortAndDisplay(string value, string host, int port, string display)
    {
        var nameserver = Nameserver.Parse(value);

        Assert.Equal(new Nameserver(host, port), nameserver);
        Assert.Equal(display, nameserver.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData(":53")]
    [InlineData("[2001:db8::1")]
    [InlineData("[2001:db8::1]53")]
    [InlineData("ns1:53:54")]
    [InlineData("ns1:http")]
    [InlineData("ns1:0")]
    [InlineData("ns1:65536")]
    public void Parse_Malformed_InvalidConfigNamingField(string value)
    {
        var error = Assert.Throws<DnsChangeException>(() => Nameserver.Parse(value));

        Assert.Equal(DnsRecordFailureReasons.InvalidConfig, error.Reason);
        Assert.False(error.Retryable);
        Assert.StartsWith("dns01.rfc2136.nameserver: ", error.Message);
    }

    [Fact]
    public async Task ResolveAsync_HostName_ResolvesToAddress()
    {
        var endpoint = await Nameserver.Parse("localhost:5354").ResolveAsync(CancellationToken.None);

        Assert.True(IPAddress.IsLoopback(endpoint.Address));
        Assert.Equal(5354, endpoint.Port);
    }

    [Fact]
    public async Task ResolveAsync_NameThatDoesNotResolve_UnreachableRetryable()
    {
        var error = await Assert.ThrowsAsync<DnsChangeException>(() => Nameserver.Parse("ns.does-not-exist.invalid").ResolveAsync(CancellationToken.None));

        Assert.Equal(DnsRecordFailureReasons.Unreachable, error.Reason);
        Assert.True(error.Retryable);
        Assert.Contains("ns.does-not-exist.invalid", error.Message);
    }
}
