using System.Net;
using CertMesh.Dns.Wire;
using CertMesh.Dns.Zones;

namespace CertMesh.Dns.Tests.Zones;

/// <summary>The SOA walk's rules on canned answers; the integration suite walks the real BIND.</summary>
public class ZoneFinderTests
{
    static readonly IPEndPoint First = IPEndPoint.Parse("192.0.2.1:53");
    static readonly IPEndPoint Second = IPEndPoint.Parse("192.0.2.2:5353");

    static ZoneFinder Finder(CannedResolver resolver, params IPEndPoint[] servers) =>
        new(new RecursiveLookup(resolver, servers.Length > 0 ? servers : [First]));

    [Fact]
    public async Task FindZoneAsync_SoaOfParentInAuthority_ClimbsToTheOwner()
    {
        // What a server answers below a zone apex with a wildcard: NOERROR, no answer, the zone's SOA in the authority section.
        var resolver = new CannedResolver()
            .On("_acme-challenge.www.example.test", DnsType.SOA, () => CannedResolver.Message(DnsRcode.NoError, authorities: [Rr.Soa("example.test")]))
            .On("www.example.test", DnsType.SOA, () => CannedResolver.Message(DnsRcode.NoError, authorities: [Rr.Soa("example.test")]))
            .On("example.test", DnsType.SOA, () => CannedResolver.Message(DnsRcode.NoError, [Rr.Soa("example.test")]));

        Assert.Equal("example.test.", await Finder(resolver).FindZoneAsync("_acme-challenge.www.example.test.", CancellationToken.None));
        Assert.Equal(["_acme-challenge.www.example.test.", "www.example.test.", "example.test."], resolver.Asked.Select(q => q.Name));
    }

    [Fact]
    public async Task FindZoneAsync_SoaOwnedByNameInAuthority_IsTheZone()
    {
        var resolver = new CannedResolver()
            .On("sub.example.test", DnsType.SOA, () => CannedResolver.Message(DnsRcode.NoError, authorities: [Rr.Soa("sub.example.test")]));

        Assert.Equal("sub.example.test.", await Finder(resolver).FindZoneAsync("_acme-challenge.sub.example.test", CancellationToken.None));
    }

    [Fact]
    public async Task FindZoneAsync_AliasOnTheWay_ClimbsPastIt()
    {
        // A CNAME cannot sit at a zone apex: the SOA that comes with the alias's answer belongs to its target's zone.
        var resolver = new CannedResolver()
            .On("alias.example.test", DnsType.SOA, () => CannedResolver.Message(DnsRcode.NoError,
                [Rr.Cname("alias.example.test", "other.test"), Rr.Soa("alias.example.test")]))
            .On("example.test", DnsType.SOA, () => CannedResolver.Message(DnsRcode.NoError, [Rr.Soa("example.test")]));

        Assert.Equal("example.test.", await Finder(resolver).FindZoneAsync("alias.example.test.", CancellationToken.None));
    }

    [Fact]
    public async Task FindZoneAsync_FirstServerDead_SecondAnswers()
    {
        var resolver = new CannedResolver()
            .On("example.test", DnsType.SOA, () => CannedResolver.Timeout(First), First)
            .On("example.test", DnsType.SOA, () => CannedResolver.Message(DnsRcode.NoError, [Rr.Soa("example.test")]), Second);

        Assert.Equal("example.test.", await Finder(resolver, First, Second).FindZoneAsync("example.test.", CancellationToken.None));
    }

    [Fact]
    public async Task FindZoneAsync_EveryServerFails_ThrowsNamingFqdnAndEachServer()
    {
        var resolver = new CannedResolver()
            .On("_acme-challenge.example.test", DnsType.SOA, () => CannedResolver.Timeout(First), First)
            .On("_acme-challenge.example.test", DnsType.SOA, () => CannedResolver.Message(DnsRcode.ServFail), Second);

        var error = await Assert.ThrowsAsync<DnsLookupException>(() =>
            Finder(resolver, First, Second).FindZoneAsync("_acme-challenge.example.test.", CancellationToken.None));

        Assert.StartsWith("Could not find the zone of _acme-challenge.example.test. using nameservers [192.0.2.1:53, 192.0.2.2:5353]: ", error.Message);
        Assert.Contains("192.0.2.1:53: No DNS response from 192.0.2.1:53", error.Message);
        Assert.Contains("192.0.2.2:5353 answered SERVFAIL", error.Message);
        Assert.Equal([First, Second], error.Servers);
    }

    [Fact]
    public async Task FindZoneAsync_NxdomainUpToTheRoot_ThrowsNoStartOfAuthority()
    {
        var error = await Assert.ThrowsAsync<DnsLookupException>(() =>
            Finder(new CannedResolver()).FindZoneAsync("_acme-challenge.nowhere.test.", CancellationToken.None));

        Assert.Equal("Could not find the start of authority for _acme-challenge.nowhere.test. using nameservers [192.0.2.1:53]: " +
            "no name up to the root owns an SOA record", error.Message);
    }
}
