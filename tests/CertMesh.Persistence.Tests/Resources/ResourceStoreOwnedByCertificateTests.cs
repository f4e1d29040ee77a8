using System.Text.Json;
using CertMesh.Domain.Resources;
using CertMesh.Persistence.Resources;
using CertMesh.Persistence.Tests.Support;

namespace CertMesh.Persistence.Tests.Resources;

/// <summary>
/// A deleted certificate's requests, Orders and Challenges: found by the name each carries, only that certificate's
/// (not those of "web-1" or "web-10" when "web" goes), cheap at scale.
/// </summary>
public sealed class ResourceStoreOwnedByCertificateTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    const string CertificateNameLabel = "cert-manager.io/certificate-name";
    readonly TestDatabase _db = fixture.Db;
    static CancellationToken None => CancellationToken.None;

    [Fact]
    public async Task DeleteOwnedByCertificateAsync_RequestNeighboursInNamespace_DeletesOnlyThatCertificatesRequests()
    {
        // "web" has revisions 1, 2 and 5 (a gap); "web-1" is another certificate whose request "web-1-1" shares the prefix.
        await CreateRequestAsync("owned", "web-1", "web");
        await CreateRequestAsync("owned", "web-2", "web");
        await CreateRequestAsync("owned", "web-5", "web");
        await CreateRequestAsync("owned", "web-1-1", "web-1");
        await CreateRequestAsync("owned", "api-1", "api");
        await CreateRequestAsync("elsewhere", "web-1", "web");
        await CreateAsync(new ResourceKey(Widget.Kind, "owned", "web"), "web");
        var webRequest = new ResourceKey(ResourceKinds.CertificateRequest, "owned", "web-2");
        var apiRequest = new ResourceKey(ResourceKinds.CertificateRequest, "owned", "api-1");
        await _db.Database.RunAsync(async u =>
        {
            await u.Events.NormalAsync(webRequest, "Requested", "web's", None);
            await u.Events.NormalAsync(apiRequest, "Requested", "api's", None);
            return 0;
        }, None);

        var deleted = await DeleteAsync(ResourceKinds.CertificateRequest, "owned", "web");
        var again = await DeleteAsync(ResourceKinds.CertificateRequest, "owned", "web");

        Assert.Equal(["web-1", "web-2", "web-5"], deleted.Select(k => k.Name).Order());
        Assert.All(deleted, k => Assert.Equal(new ResourceKey(ResourceKinds.CertificateRequest, "owned", k.Name), k));
        Assert.Empty(again);
        Assert.Equal(["api-1", "web-1-1"], await NamesAsync(ResourceKinds.CertificateRequest, "owned"));
        Assert.Equal(["web-1"], await NamesAsync(ResourceKinds.CertificateRequest, "elsewhere"));
        Assert.Equal(["web"], await NamesAsync(Widget.Kind, "owned"));
        Assert.Empty(await _db.Database.RunAsync(u => u.Events.ListAsync(webRequest, None), None));
        Assert.Single(await _db.Database.RunAsync(u => u.Events.ListAsync(apiRequest, None), None));
    }

    [Fact]
    public async Task DeleteOwnedByCertificateAsync_OrderNeighboursInNamespace_DeletesOnlyThatCertificatesOrders()
    {
        await CreateOrderAsync("orders", "web-1-111", "web");
        await CreateOrderAsync("orders", "web-2-222", "web");
        await CreateOrderAsync("orders", "web-1-1-333", "web-1");
        await CreateOrderAsync("orders", "web-10-1-444", "web-10");
        await CreateOrderAsync("orders-elsewhere", "web-1-111", "web");

        var deleted = await DeleteAsync(ResourceKinds.Order, "orders", "web");
        var again = await DeleteAsync(ResourceKinds.Order, "orders", "web");

        Assert.Equal(["web-1-111", "web-2-222"], deleted.Select(k => k.Name).Order());
        Assert.All(deleted, k => Assert.Equal(new ResourceKey(ResourceKinds.Order, "orders", k.Name), k));
        Assert.Empty(again);
        Assert.Equal(["web-1-1-333", "web-10-1-444"], await NamesAsync(ResourceKinds.Order, "orders"));
        Assert.Equal(["web-1-111"], await NamesAsync(ResourceKinds.Order, "orders-elsewhere"));
    }

    [Fact]
    public async Task DeleteOwnedByCertificateAsync_ChallengeNeighboursLabelledOrNot_DeletesOnlyThatCertificatesChallenges()
    {
        // Labelled (made since schema version 11) and unlabelled (before it: found by the order name <certificate>-<revision>-<hash>).
        await CreateChallengeAsync("challenges", "web-1-111-1", "web-1-111", "web");
        await CreateChallengeAsync("challenges", "web-2-222-2", "web-2-222", null);
        await CreateChallengeAsync("challenges", "web-1-1-333-3", "web-1-1-333", "web-1");
        await CreateChallengeAsync("challenges", "web-1-2-444-4", "web-1-2-444", null);
        await CreateChallengeAsync("challenges", "web-10-1-555-5", "web-10-1-555", null);
        await CreateChallengeAsync("challenges-elsewhere", "web-2-222-2", "web-2-222", null);
        // A certificate name too long for its order's name (cut to 52 characters, revision and all): only the label finds it.
        var longName = new string('a', 60);
        await CreateChallengeAsync("challenges", "long-1", longName[..52] + "-666", longName);

        var deleted = await DeleteAsync(ResourceKinds.Challenge, "challenges", "web");
        var again = await DeleteAsync(ResourceKinds.Challenge, "challenges", "web");
        var deletedLong = await DeleteAsync(ResourceKinds.Challenge, "challenges", longName);

        Assert.Equal(["web-1-111-1", "web-2-222-2"], deleted.Select(k => k.Name).Order());
        Assert.All(deleted, k => Assert.Equal(new ResourceKey(ResourceKinds.Challenge, "challenges", k.Name), k));
        Assert.Empty(again);
        Assert.Equal(["long-1"], deletedLong.Select(k => k.Name));
        Assert.Equal(["web-1-1-333-3", "web-1-2-444-4", "web-10-1-555-5"], await NamesAsync(ResourceKinds.Challenge, "challenges"));
        Assert.Equal(["web-2-222-2"], await NamesAsync(ResourceKinds.Challenge, "challenges-elsewhere"));
    }

    [Fact]
    public async Task DeleteOwnedByCertificateAsync_KindWithoutIndex_Throws()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => DeleteAsync(Widget.Kind, "owned", "web"));
    }

    [Theory]
    [InlineData(ResourceKinds.CertificateRequest, "resources_certificate_requests")]
    [InlineData(ResourceKinds.Order, "resources_certificate_orders")]
    [InlineData(ResourceKinds.Challenge, "resources_certificate_challenges")]
    public async Task DeleteOwnedByCertificateAsync_TwentyThousandInNamespace_PlanUsesKindsIndex(string kind, string index)
    {
        // 10,000 certificates with two resources each in one namespace, as a bulk issuance leaves them; every document
        // names its certificate as each kind does (a Challenge of the second revision only by its order's name, as one
        // made before schema version 11).
        await _db.ExecuteAsync($"""
            INSERT INTO resources (kind, namespace, name, uid, resource_version, doc)
            SELECT '{kind}', 'bulk', c || '-' || r || '-1234', gen_random_uuid(), 1, jsonb_build_object(
                'metadata', jsonb_build_object('namespace', 'bulk', 'name', c || '-' || r || '-1234',
                    'labels', CASE WHEN '{kind}' <> 'Challenge' OR r = 1 THEN jsonb_build_object('{CertificateNameLabel}', c) END),
                'spec', jsonb_build_object('certificateName', c, 'orderName', c || '-' || r || '-5678'))
            FROM generate_series(0, 19999) AS g, LATERAL (SELECT 'c' || (g / 2) AS c, g % 2 + 1 AS r) AS n
            """);
        await _db.ExecuteAsync("ANALYZE resources");

        var plan = await _db.ScalarAsync<string>(
            "EXPLAIN (FORMAT JSON) " + ResourceStore.DeleteOwnedByCertificateSql[kind], ("ns", "bulk"), ("certificate", "c4242"));
        var deleted = await DeleteAsync(kind, "bulk", "c4242");

        Assert.Contains($"\"{index}\"", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("Seq Scan", plan, StringComparison.Ordinal);
        Assert.Equal(["c4242-1-1234", "c4242-2-1234"], deleted.Select(k => k.Name).Order());
        Assert.Equal(19_998L, await _db.ScalarAsync<long>("SELECT count(*) FROM resources WHERE kind = @kind AND namespace = 'bulk'", ("kind", kind)));
    }

    Task<IReadOnlyList<ResourceKey>> DeleteAsync(string kind, string @namespace, string certificateName) =>
        _db.Database.RunAsync(u => u.Resources.DeleteOwnedByCertificateAsync(kind, @namespace, certificateName, None), None);

    Task CreateRequestAsync(string @namespace, string name, string certificateName) =>
        CreateAsync(new ResourceKey(ResourceKinds.CertificateRequest, @namespace, name), certificateName);

    async Task CreateAsync(ResourceKey key, string certificateName)
    {
        var widget = Widget.Named(key.Namespace, key.Name);
        widget = widget with { Metadata = widget.Metadata with { Labels = Label(certificateName) } };
        await _db.Database.RunAsync(u => u.Resources.CreateAsync(key, widget.Metadata.Uid, widget, null, None), None);
    }

    async Task CreateOrderAsync(string @namespace, string name, string certificateName)
    {
        var order = new Order { Metadata = Meta(@namespace, name, null), Spec = new OrderSpec { CertificateName = certificateName } };
        await _db.Database.RunAsync(u => u.Resources.CreateAsync(new ResourceKey(ResourceKinds.Order, @namespace, name), order.Metadata.Uid, order, null, None), None);
    }

    async Task CreateChallengeAsync(string @namespace, string name, string orderName, string? certificateLabel)
    {
        var challenge = new Challenge { Metadata = Meta(@namespace, name, certificateLabel), Spec = new ChallengeSpec { OrderName = orderName } };
        await _db.Database.RunAsync(u => u.Resources.CreateAsync(new ResourceKey(ResourceKinds.Challenge, @namespace, name), challenge.Metadata.Uid, challenge, null, None), None);
    }

    static ObjectMeta Meta(string @namespace, string name, string? certificateLabel) =>
        new() { Namespace = @namespace, Name = name, Uid = Guid.NewGuid(), Labels = certificateLabel is null ? null : Label(certificateLabel) };

    static Dictionary<string, string> Label(string certificateName) => new() { [CertificateNameLabel] = certificateName };

    async Task<string[]> NamesAsync(string kind, string @namespace)
    {
        var json = await _db.ScalarAsync<string>(
            "SELECT coalesce(json_agg(name ORDER BY name), '[]')::text FROM resources WHERE kind = @kind AND namespace = @ns", ("kind", kind), ("ns", @namespace));
        return JsonSerializer.Deserialize<string[]>(json)!;
    }
}
