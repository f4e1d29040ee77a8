using System.Net;
using System.Net.Sockets;
using CertMesh.Dns.Resolver;
using CertMesh.Dns.Transport;
using CertMesh.Dns.Wire;
using CertMesh.Testing;

namespace CertMesh.Dns.Tests.Integration;

public class DnsResolverTests
{
    [Fact]
    public async Task QueryAsync_ZoneSoa_ReturnsAuthoritativeSoa()
    {
        var answer = await new DnsResolver().QueryAsync(Bind.Server, Bind.Zone, DnsType.SOA);

        Assert.Equal(DnsRcode.NoError, answer.Rcode);
        Assert.True(answer.Authoritative);
        var soa = Assert.Single(answer.Answers);
        Assert.Equal(Bind.Zone, soa.Name);
        var data = Assert.IsType<SoaRecordData>(soa.Data);
        Assert.NotEmpty(data.PrimaryNameServer);
        Assert.True(data.Serial > 0);
    }

    [Fact]
    public async Task QueryAsync_NameWithoutTxt_ReturnsNoAnswersWithSoaInAuthority()
    {
        var answer = await new DnsResolver().QueryAsync(Bind.Server, "missing-" + Guid.NewGuid().ToString("N") + "." + Bind.Zone, DnsType.TXT);

        // NOERROR/NODATA here because the local zone has a wildcard A record; either way the negative answer carries the SOA.
        Assert.Contains(answer.Rcode, (DnsRcode[])[DnsRcode.NoError, DnsRcode.NXDomain]);
        Assert.Empty(answer.Answers);
        Assert.Equal(DnsType.SOA, Assert.Single(answer.Authorities).Type);
    }

    [Fact]
    public async Task QueryAsync_ForceTcp_AnsweredOverTcp()
    {
        await using var relay = new TcpRelay(Bind.Server);

        var answer = await new DnsResolver(new DnsClientOptions { ForceTcp = true }).QueryAsync(relay.Endpoint, Bind.Zone, DnsType.SOA);

        Assert.Equal(DnsType.SOA, Assert.Single(answer.Answers).Type);
        Assert.Equal(1, relay.Connections);
    }

    [Fact]
    public async Task QueryAsync_SilentServer_ThrowsTimeoutNamingServer()
    {
        // A bound UDP socket that never answers stands in for a dead nameserver.
        using var silent = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var server = (IPEndPoint)silent.Client.LocalEndPoint!;
        var resolver = new DnsResolver(new DnsClientOptions { Timeout = TimeSpan.FromMilliseconds(300) });

        var error = await Assert.ThrowsAsync<DnsTimeoutException>(() => resolver.QueryAsync(server, Bind.Zone, DnsType.SOA));

        Assert.Contains(server.ToString(), error.Message);
    }
}
