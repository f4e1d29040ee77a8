using System.Net;
using CertMesh.Dns.Wire;
using CertMesh.Dns.Zones;

namespace CertMesh.Dns.Tests.Zones;

/// <summary>
/// cnameStrategy Follow on answers decoded from the wire: the local BIND's update policy grants TXT only, so it cannot
/// be given a CNAME; the integration suite checks the no-alias case against it.
/// </summary>
public class CnameFollowerTests
{
    static readonly IPEndPoint Recursive = IPEndPoint.Parse("192.0.2.53:53");

    static CnameFollower Follower(CannedResolver resolver) => new(new RecursiveLookup(resolver, [Recursive]));

    [Fact]
    public async Task FollowAsync_TwoHopChain_ReturnsLastTarget()
    {
        var resolver = new CannedResolver()
            .On("_acme-challenge.example.test", DnsType.CNAME, () => CannedResolver.Message(DnsRcode.NoError,
                [Rr.Cname("_acme-challenge.example.test", "example.test.auth.acme-dns.test")]))
            .On("example.test.auth.acme-dns.test", DnsType.CNAME, () => CannedResolver.Message(DnsRcode.NoError,
                [Rr.Cname("example.test.auth.acme-dns.test", "txt.acme-dns.test")]))
            .On("txt.acme-dns.test", DnsType.CNAME, () => CannedResolver.Message(DnsRcode.NoError, authorities: [Rr.Soa("acme-dns.test")]));

        var target = await Follower(resolver).FollowAsync("_acme-challenge.example.test.", CancellationToken.None);

        Assert.Equal("txt.acme-dns.test.", target);
        Assert.All(resolver.Asked, q => Assert.True(q.Recursive));
    }

    [Fact]
    public async Task FollowAsync_NoAlias_ReturnsNameItself()
    {
        var resolver = new CannedResolver(); // NXDOMAIN for everything

        Assert.Equal("_acme-challenge.example.test.", await Follower(resolver).FollowAsync("_acme-challenge.example.test", CancellationToken.None));
    }

    [Fact]
    public async Task FollowAsync_CnameOwnedByAnotherName_Ignored()
    {
        var resolver = new CannedResolver()
            .On("_acme-challenge.example.test", DnsType.CNAME, () => CannedResolver.Message(DnsRcode.NoError,
                [Rr.Cname("unrelated.example.test", "elsewhere.test")]));

        Assert.Equal("_acme-challenge.example.test.", await Follower(resolver).FollowAsync("_acme-challenge.example.test.", CancellationToken.None));
    }

    [Fact]
    public async Task FollowAsync_Loop_ThrowsNamingTheChain()
    {
        var resolver = new CannedResolver()
            .On("a.example.test", DnsType.CNAME, () => CannedResolver.Message(DnsRcode.NoError, [Rr.Cname("a.example.test", "b.example.test")]))
            .On("b.example.test", DnsType.CNAME, () => CannedResolver.Message(DnsRcode.NoError, [Rr.Cname("b.example.test", "A.example.test")]));

        var error = await Assert.ThrowsAsync<DnsLookupException>(() => Follower(resolver).FollowAsync("a.example.test.", CancellationToken.None));

        Assert.Equal("CNAME loop while following a.example.test.: a.example.test. -> b.example.test. -> A.example.test. (nameservers [192.0.2.53:53])", error.Message);
    }

    [Fact]
    public async Task FollowAsync_ChainLongerThanLimit_Throws()
    {
        var resolver = new CannedResolver();
        for (var i = 0; i <= CnameFollower.MaxHops + 1; i++)
        {
            var (owner, target) = ($"hop{i}.example.test", $"hop{i + 1}.example.test");
            resolver.On(owner, DnsType.CNAME, () => CannedResolver.Message(DnsRcode.NoError, [Rr.Cname(owner, target)]));
        }

        var error = await Assert.ThrowsAsync<DnsLookupException>(() => Follower(resolver).FollowAsync("hop0.example.test.", CancellationToken.None));

        Assert.Contains($"longer than {CnameFollower.MaxHops} hops", error.Message);
    }

    [Fact]
    public async Task FollowAsync_ChainOfExactlyTheLimit_Followed()
    {
        var resolver = new CannedResolver();
        for (var i = 0; i < CnameFollower.MaxHops; i++)
        {
            var (owner, target) = ($"hop{i}.example.test", $"hop{i + 1}.example.test");
            resolver.On(owner, DnsType.CNAME, () => CannedResolver.Message(DnsRcode.NoError, [Rr.Cname(owner, target)]));
        }

        Assert.Equal($"hop{CnameFollower.MaxHops}.example.test.", await Follower(resolver).FollowAsync("hop0.example.test.", CancellationToken.None));
    }
}
