using CertMesh.Edge.Tests.Support;
using CertMesh.Edge.Tls;

namespace CertMesh.Edge.Tests.Tls;

public sealed class CertificateStoreTests : IDisposable
{
    readonly TestCertificates _certificates = new();
    readonly CertificateStore _store = new();

    ServedCertificate Served(string name, long version, params string[] hosts) => Served(name, version, DateTimeOffset.UtcNow.AddMinutes(-5), hosts);

    ServedCertificate Served(string name, long version, DateTimeOffset notBefore, params string[] hosts) =>
        ServedCertificateFactory.TryCreate(TestCertificates.SecretFor("edge", name, _certificates.Issue(notBefore, hosts)), version, out _)
        ?? throw new InvalidOperationException("test certificate not servable");

    [Theory]
    [InlineData("tls.example.test", "exact")]
    [InlineData("TLS.Example.Test", "exact")]
    [InlineData("tls.example.test.", "exact")]
    [InlineData("a.example.test", "wildcard")]
    [InlineData("b.example.test", "wildcard")]
    [InlineData("a.b.example.test", null)]
    [InlineData("example.test", null)]
    [InlineData("unknown.test", null)]
    [InlineData("", null)]
    [InlineData(".", null)]
    public void TryGet_ServerName_ExactFirstThenSingleLabelWildcardElseNothing(string serverName, string? expected)
    {
        _store.Put(Served("exact", 1, "tls.example.test"));
        _store.Put(Served("wildcard", 1, "*.example.test"));

        var found = _store.TryGet(serverName, out var certificate);

        Assert.Equal(expected is not null, found);
        if (expected is not null)
            Assert.Equal("edge/" + expected, certificate.Source);
    }

    [Fact]
    public void Put_NewerVersion_ReplacesWhileHeldOptionsStayIntact()
    {
        var first = Served("tls", 1, "tls.example.test");
        var second = Served("tls", 2, "tls.example.test");
        _store.Put(first);
        Assert.True(_store.TryGet("tls.example.test", out var before));

        Assert.True(_store.Put(second));

        Assert.True(_store.TryGet("tls.example.test", out var after));
        Assert.Same(second, after);
        Assert.Same(first, before); // a handshake that already picked the old revision finishes with it, untouched
        Assert.Equal(first.SerialNumber, before.ServerOptions.ServerCertificateContext!.TargetCertificate.SerialNumber);
        Assert.Single(_store.Certificates);
    }

    [Fact]
    public void Put_OlderOrSameVersion_ChangesNothing()
    {
        var current = Served("tls", 5, "tls.example.test");
        _store.Put(current);

        Assert.False(_store.Put(Served("tls", 4, "tls.example.test")));
        Assert.False(_store.Put(Served("tls", 5, "tls.example.test")));

        Assert.True(_store.TryGet("tls.example.test", out var served));
        Assert.Same(current, served);
    }

    [Fact]
    public void Put_RecreatedSecretWithLowerVersion_Replaces()
    {
        _store.Put(Served("tls", 5, "tls.example.test"));
        var recreated = Served("tls", 1, "tls.example.test");

        Assert.True(_store.Put(recreated, recreated: true));

        Assert.True(_store.TryGet("tls.example.test", out var served));
        Assert.Same(recreated, served);
    }

    [Fact]
    public void Put_TwoSecretsForOneHost_NewerCertificateWins()
    {
        var older = Served("older", 1, DateTimeOffset.UtcNow.AddDays(-2), "tls.example.test");
        var newer = Served("newer", 1, DateTimeOffset.UtcNow.AddDays(-1), "tls.example.test");
        _store.Put(newer);
        _store.Put(older);

        Assert.True(_store.TryGet("tls.example.test", out var served));
        Assert.Same(newer, served);
    }

    [Fact]
    public void Remove_Served_HostIsUnknownAfterwards()
    {
        _store.Put(Served("tls", 1, "tls.example.test"));

        Assert.True(_store.Remove("edge/tls"));

        Assert.False(_store.TryGet("tls.example.test", out _));
        Assert.False(_store.Remove("edge/tls"));
    }

    [Fact]
    public void RemoveUnlisted_EntryWrittenAfterListing_IsKept()
    {
        _store.Put(Served("stale", 1, "stale.example.test"));
        var listedAt = _store.Sequence;
        _store.Put(Served("fresh", 1, "fresh.example.test")); // an event newer than the listing

        var removed = _store.RemoveUnlisted(new HashSet<string>(), listedAt);

        Assert.Equal(["edge/stale"], removed);
        Assert.False(_store.TryGet("stale.example.test", out _));
        Assert.True(_store.TryGet("fresh.example.test", out _));
    }

    public void Dispose() => _certificates.Dispose();
}
