using System.Net;
using System.Net.Sockets;
using CertMesh.Contracts.Dns;
using CertMesh.Dns.Transport;
using CertMesh.Dns.Tsig;
using CertMesh.Dns.Update;
using CertMesh.DnsWebhook.Changes;
using CertMesh.DnsWebhook.Providers;
using CertMesh.DnsWebhook.Providers.Rfc2136;
using CertMesh.DnsWebhook.Tests.Support;

namespace CertMesh.DnsWebhook.Tests.Providers.Rfc2136;

/// <summary>Against the real BIND of infra-up.sh; every test has its own random name, checked with a real DNS query.</summary>
public class Rfc2136ProviderTests
{
    static Rfc2136Provider Signed(string? secret = null) => Provider(Bind.Server, TsigKey.FromBase64(Bind.KeyName, Bind.Algorithm, secret ?? Bind.Secret));

    static Rfc2136Provider Provider(IPEndPoint server, TsigKey? key, TimeSpan? timeout = null, bool overTcp = false)
    {
        var options = new DnsClientOptions { Timeout = timeout ?? TimeSpan.FromSeconds(5), ForceTcp = overTcp };
        return new Rfc2136Provider(new Nameserver(server.Address.ToString(), server.Port), server,
            key is null ? null : new Rfc2136Client(server, key, options), options);
    }

    static TsigKey BindKey => TsigKey.FromBase64(Bind.KeyName, Bind.Algorithm, Bind.Secret);

    static DnsChallenge Challenge(string fqdn, string value, string? zone = null) =>
        new(Guid.NewGuid(), "dnswh", fqdn.Replace("_acme-challenge.", "", StringComparison.Ordinal), fqdn, zone ?? Bind.Zone, value);

    [Fact]
    public async Task PresentAsync_SecondValueForSameName_BothValuesServed()
    {
        var provider = Signed();
        var fqdn = Bind.RandomFqdn("coexist");

        await provider.PresentAsync(Challenge(fqdn, "apex-value"), CancellationToken.None);
        await provider.PresentAsync(Challenge(fqdn, "wildcard-value"), CancellationToken.None);

        Assert.Equal(["apex-value", "wildcard-value"], await Bind.TxtValuesAsync(fqdn));
        await provider.CleanUpAsync(Challenge(fqdn, "apex-value"), CancellationToken.None);
        await provider.CleanUpAsync(Challenge(fqdn, "wildcard-value"), CancellationToken.None);
    }

    [Fact]
    public async Task CleanUpAsync_OneOfTwoValues_RemovesOnlyItsOwn()
    {
        var provider = Signed();
        var fqdn = Bind.RandomFqdn("cleanup");
        await provider.PresentAsync(Challenge(fqdn, "mine"), CancellationToken.None);
        await provider.PresentAsync(Challenge(fqdn, "theirs"), CancellationToken.None);

        await provider.CleanUpAsync(Challenge(fqdn, "mine"), CancellationToken.None);

        Assert.Equal(["theirs"], await Bind.TxtValuesAsync(fqdn));
        await provider.CleanUpAsync(Challenge(fqdn, "theirs"), CancellationToken.None);
        Assert.Empty(await Bind.TxtValuesAsync(fqdn));
    }

    [Fact]
    public async Task PresentAsync_SameValueTwice_ServedOnce()
    {
        var provider = Signed();
        var fqdn = Bind.RandomFqdn("twice");

        await provider.PresentAsync(Challenge(fqdn, "once"), CancellationToken.None);
        await provider.PresentAsync(Challenge(fqdn, "once"), CancellationToken.None);

        Assert.Equal(["once"], await Bind.TxtValuesAsync(fqdn));
        await provider.CleanUpAsync(Challenge(fqdn, "once"), CancellationToken.None);
    }

    [Fact]
    public async Task CleanUpAsync_AbsentValue_Succeeds()
    {
        var fqdn = Bind.RandomFqdn("absent");

        await Signed().CleanUpAsync(Challenge(fqdn, "never-presented"), CancellationToken.None);

        Assert.Empty(await Bind.TxtValuesAsync(fqdn));
    }

    [Fact]
    public async Task PresentAsync_WrongSecret_KeyRejectedNonRetryableWithoutSecret()
    {
        var fqdn = Bind.RandomFqdn("badkey");

        var error = await Assert.ThrowsAsync<DnsChangeException>(() => Signed(Bind.WrongSecret).PresentAsync(Challenge(fqdn, "x"), CancellationToken.None));

        Assert.Equal(DnsRecordFailureReasons.KeyRejected, error.Reason);
        Assert.False(error.Retryable);
        Assert.StartsWith($"TSIG key {Bind.KeyName} was rejected by {Bind.Server}: NOTAUTH (BADSIG)", error.Message);
        Assert.DoesNotContain(Bind.WrongSecret, error.ToString());
        Assert.DoesNotContain(Bind.Secret, error.ToString());
    }

    [Fact]
    public async Task PresentAsync_NameOutsideZone_UpdateRefusedNonRetryable()
    {
        var error = await Assert.ThrowsAsync<DnsChangeException>(() =>
            Signed().PresentAsync(Challenge("_acme-challenge.elsewhere.invalid.", "x"), CancellationToken.None));

        Assert.Equal(DnsRecordFailureReasons.UpdateRefused, error.Reason);
        Assert.False(error.Retryable);
        Assert.Contains("NOTZONE", error.Message);
    }

    [Fact]
    public async Task PresentAsync_UnsignedToKeyOnlyZone_UpdateRefusedNonRetryable()
    {
        var provider = Provider(Bind.Server, key: null);
        var fqdn = Bind.RandomFqdn("unsigned");

        var error = await Assert.ThrowsAsync<DnsChangeException>(() => provider.PresentAsync(Challenge(fqdn, "x"), CancellationToken.None));

        // The zone's update-policy grants the key only: BIND refuses (rather than FORMERR, so the message was well formed).
        Assert.Equal(DnsRecordFailureReasons.UpdateRefused, error.Reason);
        Assert.False(error.Retryable);
        Assert.Equal($"{Bind.Server} refused to add TXT at {fqdn} in zone {Bind.Zone} without a TSIG key: REFUSED", error.Message);
        Assert.Equal($"rfc2136 {Bind.Server} (unsigned)", provider.Describe);
    }

    [Fact]
    public async Task PresentAsync_NothingListening_UnreachableRetryable()
    {
        IPEndPoint closed;
        using (var probe = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0)))
            closed = (IPEndPoint)probe.Client.LocalEndPoint!;

        var error = await Assert.ThrowsAsync<DnsChangeException>(() =>
            Provider(closed, TsigKey.FromBase64("k", "hmac-sha256", Bind.WrongSecret)).PresentAsync(Challenge(Bind.RandomFqdn("closed"), "x"), CancellationToken.None));

        Assert.Equal(DnsRecordFailureReasons.Unreachable, error.Reason);
        Assert.True(error.Retryable);
        Assert.Contains(closed.ToString(), error.Message);
    }

    [Fact]
    public async Task PresentAsync_SilentServer_UnreachableRetryableAfterTimeout()
    {
        // A bound socket that never answers stands in for a primary that dropped the packet.
        using var silent = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var server = (IPEndPoint)silent.Client.LocalEndPoint!;

        var error = await Assert.ThrowsAsync<DnsChangeException>(() =>
            Provider(server, null, TimeSpan.FromMilliseconds(300)).PresentAsync(Challenge(Bind.RandomFqdn("silent"), "x"), CancellationToken.None));

        Assert.Equal(DnsRecordFailureReasons.Unreachable, error.Reason);
        Assert.True(error.Retryable);
        Assert.StartsWith($"No DNS response from {server}", error.Message);
    }

    [Fact]
    public async Task PresentAsync_OverTcp_ValueServedThenCleanedUpThroughTcp()
    {
        // The relay only speaks TCP: both changes reaching BIND through it is the proof they went over TCP.
        await using var relay = new TcpRelay(Bind.Server);
        var provider = Provider(relay.Endpoint, BindKey, overTcp: true);
        var fqdn = Bind.RandomFqdn("tcp");

        await provider.PresentAsync(Challenge(fqdn, "over-tcp"), CancellationToken.None);
        Assert.Equal(["over-tcp"], await Bind.TxtValuesAsync(fqdn));

        await provider.CleanUpAsync(Challenge(fqdn, "over-tcp"), CancellationToken.None);
        Assert.Empty(await Bind.TxtValuesAsync(fqdn));
        Assert.Equal(2, relay.Connections);
    }

    [Fact]
    public async Task PresentAsync_UnsignedOverTcp_ReachesBindThroughTcpAndIsRefused()
    {
        await using var relay = new TcpRelay(Bind.Server);
        var fqdn = Bind.RandomFqdn("unsignedtcp");

        var error = await Assert.ThrowsAsync<DnsChangeException>(() =>
            Provider(relay.Endpoint, key: null, overTcp: true).PresentAsync(Challenge(fqdn, "x"), CancellationToken.None));

        // BIND's own verdict on an unsigned update, so the message was delivered and answered over TCP.
        Assert.Equal(DnsRecordFailureReasons.UpdateRefused, error.Reason);
        Assert.EndsWith("without a TSIG key: REFUSED", error.Message);
        Assert.Equal(1, relay.Connections);
    }

    [Fact]
    public async Task PresentAsync_UdpToTcpOnlyPort_UnreachableWithoutTryingTcp()
    {
        await using var relay = new TcpRelay(Bind.Server);

        var error = await Assert.ThrowsAsync<DnsChangeException>(() =>
            Provider(relay.Endpoint, BindKey).PresentAsync(Challenge(Bind.RandomFqdn("udponly"), "x"), CancellationToken.None));

        Assert.Equal(DnsRecordFailureReasons.Unreachable, error.Reason);
        Assert.Contains("UDP", error.Message);
        Assert.Equal(0, relay.Connections);
    }

    [Fact]
    public void Describe_SignedProvider_NamesServer() =>
        Assert.Equal($"rfc2136 {Bind.Server}", Signed().Describe);
}
