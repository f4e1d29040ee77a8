using System.Net;
using System.Net.Sockets;
using CertMesh.ChallengeSolver.SelfCheck;
using CertMesh.ChallengeSolver.Solvers;
using CertMesh.ChallengeSolver.Tests.Support;
using CertMesh.Dns.Resolver;
using CertMesh.Dns.Transport;
using CertMesh.Dns.Update;
using CertMesh.Dns.Zones;

namespace CertMesh.ChallengeSolver.Tests.SelfCheck;

/// <summary>
/// The DNS-01 propagation check against the real BIND: it stands in for the recursive nameservers too, and is the
/// zone's only authoritative nameserver (NS ns1.example.test, 127.0.0.1, asked on BIND's port 5354).
/// </summary>
public sealed class Dns01SelfCheckTests : IAsyncLifetime
{
    readonly Rfc2136Client _bind = new(BindServer.EndPoint, BindServer.Key);
    readonly List<(string Fqdn, string Value)> _added = [];
    readonly string _dnsName = BindServer.UniqueName("check");

    string Fqdn => $"_acme-challenge.{_dnsName}.";
    Dns01Target Target => new(Fqdn, BindServer.Zone + ".");
    string Ns1 => $"ns1.{BindServer.Zone}.";

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var (fqdn, value) in _added)
            await _bind.RemoveTxtAsync(BindServer.Zone, fqdn, value);
    }

    static Dns01SelfCheck Check(Dns01Options? options = null, DnsClientOptions? client = null)
    {
        options ??= new Dns01Options { RecursiveNameservers = [BindServer.EndPoint], NameserverPort = BindServer.EndPoint.Port };
        var resolver = new DnsResolver(client);
        return new Dns01SelfCheck(resolver, new ZoneNameservers(new RecursiveLookup(resolver, options.RecursiveNameservers)), options);
    }

    async Task AddAsync(string value)
    {
        await _bind.AddTxtAsync(BindServer.Zone, Fqdn, value, 60);
        _added.Add((Fqdn, value));
    }

    static string Value() => Convert.ToBase64String(Guid.NewGuid().ToByteArray()).TrimEnd('=');

    [Fact]
    public async Task CheckAsync_ValueOnTheAuthoritativeNameserver_Passes()
    {
        var value = Value();
        await AddAsync(value);

        Assert.Equal(SelfCheckResult.Pass, await Check().CheckAsync(_dnsName, Target, value, CancellationToken.None));
    }

    [Fact]
    public async Task CheckAsync_ValueAbsent_NotYetPropagatedNamingServerAndName()
    {
        await AddAsync("someone-elses-value");

        var result = await Check().CheckAsync(_dnsName, Target, "expected-value", CancellationToken.None);

        Assert.False(result.Passed);
        Assert.Equal($"DNS record for \"{_dnsName}\" not yet propagated: {IPAddress.Loopback}:{BindServer.EndPoint.Port} ({Ns1}) has no TXT \"expected-value\" at {Fqdn}",
            result.Detail);
    }

    [Fact]
    public async Task CheckAsync_NoRecordAtAll_NotYetPropagated()
    {
        // The zone's wildcard A record makes this NOERROR with an empty answer rather than NXDOMAIN; both are a miss.
        var result = await Check().CheckAsync(_dnsName, Target, "expected-value", CancellationToken.None);

        Assert.Contains($"({Ns1}) has no TXT \"expected-value\" at {Fqdn}", result.Detail);
    }

    [Fact]
    public async Task CheckAsync_TwoValuesAtOneName_BothPass()
    {
        // An apex and its wildcard presented together: one TXT set, two values, each challenge checks its own.
        var (apex, wildcard) = (Value(), Value());
        await AddAsync(apex);
        await AddAsync(wildcard);

        Assert.True((await Check().CheckAsync(_dnsName, Target, apex, CancellationToken.None)).Passed);
        Assert.True((await Check().CheckAsync(_dnsName, Target, wildcard, CancellationToken.None)).Passed);
    }

    [Fact]
    public async Task CheckAsync_RecursiveNameserversOnly_AsksThemInstead()
    {
        var value = Value();
        var options = new Dns01Options { RecursiveNameservers = [BindServer.EndPoint], RecursiveNameserversOnly = true, NameserverPort = 1 };

        var before = await Check(options).CheckAsync(_dnsName, Target, value, CancellationToken.None);
        await AddAsync(value);
        var after = await Check(options).CheckAsync(_dnsName, Target, value, CancellationToken.None);

        Assert.Equal($"DNS record for \"{_dnsName}\" not yet propagated: {BindServer.EndPoint} (recursive nameserver) has no TXT \"{value}\" at {Fqdn}", before.Detail);
        Assert.True(after.Passed);
    }

    [Fact]
    public async Task CheckAsync_NameserverNotListening_MissSaysItDidNotAnswer()
    {
        var value = Value();
        await AddAsync(value);
        // Nothing listens on this port: the ICMP "port unreachable" comes back at once.
        int closed;
        using (var probe = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0)))
            closed = ((IPEndPoint)probe.Client.LocalEndPoint!).Port;
        var options = new Dns01Options { RecursiveNameservers = [BindServer.EndPoint], NameserverPort = closed };

        var result = await Check(options, new DnsClientOptions { Timeout = TimeSpan.FromMilliseconds(500) }).CheckAsync(_dnsName, Target, value, CancellationToken.None);

        Assert.False(result.Passed);
        Assert.StartsWith($"DNS record for \"{_dnsName}\" not yet propagated: 127.0.0.1:{closed} ({Ns1}) did not answer: ", result.Detail);
    }

    [Fact]
    public async Task CheckAsync_ZoneWithoutNameservers_MissNamingTheZone()
    {
        var noZone = new Dns01Target(Fqdn, _dnsName + ".");

        var result = await Check().CheckAsync(_dnsName, noZone, "v", CancellationToken.None);

        // NOERROR through the zone's wildcard, or NXDOMAIN once other tests' records under solver.example.test exist.
        Assert.StartsWith($"DNS record for \"{_dnsName}\" not yet propagated: cannot tell the authoritative nameservers of {_dnsName}.: " +
            $"Could not determine the authoritative nameservers of {_dnsName}. using nameservers [{BindServer.EndPoint}]: the answer (",
            result.Detail);
        Assert.EndsWith(") has no NS records", result.Detail);
    }
}
