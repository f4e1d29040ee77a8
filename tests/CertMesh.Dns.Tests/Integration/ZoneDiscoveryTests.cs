using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using CertMesh.Dns.Resolver;
using CertMesh.Dns.Transport;
using CertMesh.Dns.Update;
using CertMesh.Dns.Zones;

namespace CertMesh.Dns.Tests.Integration;

/// <summary>
/// Zone discovery against the real BIND, standing in for the recursive nameservers (it answers for example.test
/// itself and refuses anything else: recursion is off). Its zone has a wildcard A record, so a name without a TXT
/// answers NOERROR with an empty answer, not NXDOMAIN (except below a name other tests' records have created).
/// </summary>
public class ZoneDiscoveryTests
{
    static RecursiveLookup Lookup(params IPEndPoint[] servers) => new(new DnsResolver(), servers.Length > 0 ? servers : [Bind.Server]);

    static string Unique(string label) => $"{label}-{Guid.NewGuid():N}"[..(label.Length + 13)] + ".solver." + Bind.Zone;

    [Fact]
    public async Task FindZoneAsync_DeepNameUnderZone_ReturnsZoneWithTrailingDot()
    {
        var zone = await new ZoneFinder(Lookup()).FindZoneAsync($"_acme-challenge.a.b.{Bind.Zone}.", CancellationToken.None);

        Assert.Equal(Bind.Zone + ".", zone);
    }

    [Fact]
    public async Task FindZoneAsync_ZoneApex_ReturnsItself()
    {
        Assert.Equal(Bind.Zone + ".", await new ZoneFinder(Lookup()).FindZoneAsync(Bind.Zone, CancellationToken.None));
    }

    [Fact]
    public async Task FindZoneAsync_NameHoldingTxtValues_StillFindsZone()
    {
        var fqdn = "_acme-challenge." + Unique("txt") + ".";
        var client = new Rfc2136Client(Bind.Server, Bind.Key);
        await client.AddTxtAsync(Bind.Zone, fqdn, "value", 60);
        try
        {
            Assert.Equal(Bind.Zone + ".", await new ZoneFinder(Lookup()).FindZoneAsync(fqdn, CancellationToken.None));
        }
        finally
        {
            await client.RemoveTxtAsync(Bind.Zone, fqdn, "value");
        }
    }

    [Fact]
    public async Task FindZoneAsync_NameOutsideAnyZoneOfTheServer_ThrowsNamingFqdnAndServer()
    {
        var error = await Assert.ThrowsAsync<DnsLookupException>(() =>
            new ZoneFinder(Lookup()).FindZoneAsync("_acme-challenge.elsewhere.invalid.", CancellationToken.None));

        Assert.StartsWith($"Could not find the zone of _acme-challenge.elsewhere.invalid. using nameservers [{Bind.Server}]: ", error.Message);
        Assert.Contains($"{Bind.Server} answered REFUSED", error.Message);
    }

    [Fact]
    public async Task FindZoneAsync_SilentServerFirst_FallsBackToBindAndErrorsNameBothWhenBothFail()
    {
        // A bound UDP socket that never answers stands in for a dead recursive nameserver.
        using var silent = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var dead = (IPEndPoint)silent.Client.LocalEndPoint!;
        var lookup = new RecursiveLookup(new DnsResolver(new DnsClientOptions { Timeout = TimeSpan.FromMilliseconds(300) }), [dead, Bind.Server]);

        Assert.Equal(Bind.Zone + ".", await new ZoneFinder(lookup).FindZoneAsync($"_acme-challenge.{Bind.Zone}.", CancellationToken.None));
        var error = await Assert.ThrowsAsync<DnsLookupException>(() => new ZoneFinder(lookup).FindZoneAsync("x.elsewhere.invalid.", CancellationToken.None));
        Assert.Contains($"[{dead}, {Bind.Server}]", error.Message);
        Assert.Contains($"{dead}: No DNS response from {dead} over UDP", error.Message);
    }

    [Fact]
    public async Task ResolveAsync_Zone_NsNamesWithTheirAddresses()
    {
        var nameservers = await new ZoneNameservers(Lookup()).ResolveAsync(Bind.Zone + ".", CancellationToken.None);

        var ns = Assert.Single(nameservers);
        Assert.Equal($"ns1.{Bind.Zone}.", ns.Name);
        Assert.Equal([IPAddress.Loopback], ns.Addresses);
    }

    [Fact]
    public async Task NamesAsync_NameThatIsNoZone_ThrowsNamingIt()
    {
        var name = Unique("nozone") + ".";

        var error = await Assert.ThrowsAsync<DnsLookupException>(() => new ZoneNameservers(Lookup()).NamesAsync(name, CancellationToken.None));

        // NOERROR through the zone's wildcard, or NXDOMAIN while other tests' records make solver.example.test an empty non-terminal.
        Assert.Matches($@"^Could not determine the authoritative nameservers of {Regex.Escape(name)} using nameservers \[{Regex.Escape(Bind.Server.ToString())}\]: the answer \((NOERROR|NXDOMAIN)\) has no NS records$", error.Message);
    }

    [Fact]
    public async Task FollowAsync_NameWithoutCname_ReturnsItUnchanged()
    {
        // BIND's update policy (grant ... zonesub TXT) refuses CNAME updates; chains are covered on canned answers.
        var fqdn = "_acme-challenge." + Unique("plain") + ".";

        Assert.Equal(fqdn, await new CnameFollower(Lookup()).FollowAsync(fqdn, CancellationToken.None));
    }
}
