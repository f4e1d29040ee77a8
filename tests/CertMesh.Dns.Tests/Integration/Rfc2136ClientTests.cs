using System.Net;
using System.Net.Sockets;
using CertMesh.Dns.Resolver;
using CertMesh.Dns.Transport;
using CertMesh.Dns.Update;
using CertMesh.Dns.Wire;
using CertMesh.Testing;

namespace CertMesh.Dns.Tests.Integration;

/// <summary>Against the real BIND: each test uses its own random name, so runs never see each other's records.</summary>
public class Rfc2136ClientTests
{
    readonly DnsResolver resolver = new();

    [Fact]
    public async Task AddAndRemoveTxt_TwoValues_EachRemovalLeavesTheOther()
    {
        var client = new Rfc2136Client(Bind.Server, Bind.Key);
        var fqdn = Bind.RandomName("two");

        await client.AddTxtAsync(Bind.Zone, fqdn, "token-one", 60);
        await client.AddTxtAsync(Bind.Zone, fqdn, "token-two", 60);
        Assert.Equal(["token-one", "token-two"], await TxtValuesAsync(fqdn));

        await client.RemoveTxtAsync(Bind.Zone, fqdn, "token-one");
        Assert.Equal(["token-two"], await TxtValuesAsync(fqdn));

        await client.RemoveTxtAsync(Bind.Zone, fqdn, "token-two");
        // The local zone has a wildcard A record, so an emptied name answers NOERROR with no data rather than NXDOMAIN.
        var gone = await resolver.QueryAsync(Bind.Server, fqdn, DnsType.TXT);
        Assert.Contains(gone.Rcode, (DnsRcode[])[DnsRcode.NoError, DnsRcode.NXDomain]);
        Assert.DoesNotContain(gone.Answers, r => r.Type == DnsType.TXT);
    }

    [Fact]
    public async Task RemoveTxt_AbsentValue_Succeeds()
    {
        var client = new Rfc2136Client(Bind.Server, Bind.Key);

        await client.RemoveTxtAsync(Bind.Zone, Bind.RandomName("absent"), "never-added");
    }

    [Fact]
    public async Task AddTxt_WrongSecret_ThrowsNamingKeyAndBadSig()
    {
        var client = new Rfc2136Client(Bind.Server, Bind.WrongKey);

        var error = await Assert.ThrowsAsync<DnsUpdateException>(() => client.AddTxtAsync(Bind.Zone, Bind.RandomName("bad"), "x", 60));

        Assert.Equal(DnsRcode.NotAuth, error.Rcode);
        Assert.Equal(DnsRcode.BadSig, error.TsigError);
        Assert.True(error.IsKeyRejected);
        Assert.StartsWith($"TSIG key {Bind.Key.Name} was rejected by {Bind.Server}: NOTAUTH (BADSIG)", error.Message);
        Assert.DoesNotContain(Convert.ToBase64String(Enumerable.Repeat((byte)0x42, 32).ToArray()), error.Message);
    }

    [Fact]
    public async Task AddTxt_NameOutsideZone_ThrowsNotZone()
    {
        var client = new Rfc2136Client(Bind.Server, Bind.Key);

        var error = await Assert.ThrowsAsync<DnsUpdateException>(() => client.AddTxtAsync(Bind.Zone, "_acme-challenge.elsewhere.invalid", "x", 60));

        Assert.Equal(DnsRcode.NotZone, error.Rcode);
        Assert.False(error.IsKeyRejected);
    }

    [Fact]
    public async Task QueryAsync_TxtSetOver512Bytes_FallsBackToTcp()
    {
        var client = new Rfc2136Client(Bind.Server, Bind.Key);
        var fqdn = Bind.RandomName("big");
        // Ten 100-byte values cannot fit a plain 512-byte UDP answer, so BIND sets TC and the resolver must retry over TCP.
        var values = Enumerable.Range(0, 10).Select(i => $"{i}-" + new string('x', 98)).ToArray();
        foreach (var value in values)
            await client.AddTxtAsync(Bind.Zone, fqdn, value, 60);

        try
        {
            var answer = await resolver.QueryAsync(Bind.Server, fqdn, DnsType.TXT);

            Assert.False(answer.Truncated);
            Assert.Equal(values, answer.Answers.Select(r => ((TxtRecordData)r.Data).Text).Order(StringComparer.Ordinal));
        }
        finally
        {
            foreach (var value in values)
                await client.RemoveTxtAsync(Bind.Zone, fqdn, value);
        }
    }

    [Fact]
    public async Task AddAndRemoveTxt_ForceTcp_SentOverTcpValueServedThenGone()
    {
        // The relay only speaks TCP: the update reaching BIND through it is the proof it went over TCP.
        await using var relay = new TcpRelay(Bind.Server);
        var client = new Rfc2136Client(relay.Endpoint, Bind.Key, new DnsClientOptions { ForceTcp = true });
        var fqdn = Bind.RandomName("tcp");

        await client.AddTxtAsync(Bind.Zone, fqdn, "over-tcp", 60);
        Assert.Equal(["over-tcp"], await TxtValuesAsync(fqdn));

        await client.RemoveTxtAsync(Bind.Zone, fqdn, "over-tcp");
        Assert.Empty(await TxtValuesAsync(fqdn));
        Assert.Equal(2, relay.Connections);
    }

    [Fact]
    public async Task AddTxt_DefaultOptionsToTcpOnlyPort_TriesUdpAndFindsNothingListening()
    {
        await using var relay = new TcpRelay(Bind.Server);
        var client = new Rfc2136Client(relay.Endpoint, Bind.Key);

        var error = await Assert.ThrowsAsync<IOException>(() => client.AddTxtAsync(Bind.Zone, Bind.RandomName("udp"), "x", 60));

        Assert.Contains("UDP", error.Message);
        Assert.Equal(0, relay.Connections);
    }

    [Fact]
    public async Task AddTxt_ForceTcpToClosedPort_ThrowsNamingServerAndTcp()
    {
        IPEndPoint closed;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            closed = (IPEndPoint)probe.LocalEndpoint;
        }
        var client = new Rfc2136Client(closed, Bind.Key, new DnsClientOptions { ForceTcp = true });

        var error = await Assert.ThrowsAsync<IOException>(() => client.AddTxtAsync(Bind.Zone, Bind.RandomName("closed"), "x", 60));

        Assert.StartsWith($"DNS server {closed} refused the TCP connection for add TXT at", error.Message);
        Assert.IsType<SocketException>(error.InnerException);
    }

    async Task<string[]> TxtValuesAsync(string fqdn)
    {
        var answer = await resolver.QueryAsync(Bind.Server, fqdn, DnsType.TXT);
        return answer.Answers.Select(r => ((TxtRecordData)r.Data).Text).Order(StringComparer.Ordinal).ToArray();
    }
}
