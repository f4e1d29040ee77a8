using System.Text.Json;
using CertMesh.Domain.Resources;
using CertMesh.Persistence.Resources;
using CertMesh.Persistence.Tests.Support;

namespace CertMesh.Persistence.Tests.Resources;

/// <summary>A deleted certificate's requests: found by their name label, only that certificate's, cheap at scale.</summary>
public sealed class ResourceStoreCertificateRequestsTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    const string CertificateNameLabel = "cert-manager.io/certificate-name";
    readonly TestDatabase _db = fixture.Db;
    static CancellationToken None => CancellationToken.None;

    [Fact]
    public async Task DeleteCertificateRequestsAsync_NeighboursInNamespace_DeletesOnlyThatCertificatesRequests()
    {
        // "web" has revisions 1, 2 and 5 (a gap); "web-1" is another certificate whose request "web-1-1" shares the prefix.
        await CreateRequestAsync("owned", "web-1", "web");
        await CreateRequestAsync("owned", "web-2", "web");
        await CreateRequestAsync("owned", "web-5", "web");
        await CreateRequestAsync("owned", "web-1-1", "web-1");
        await CreateRequestAsync("owned", "api-1", "api");
        await CreateRequestAsync("elsewhere", "web-1", "web");
        await CreateAsync(new ResourceKey(Widget.Kind, "owned", "web"), "web");

        var deleted = await _db.Database.RunAsync(u => u.Resources.DeleteCertificateRequestsAsync("owned", "web", None), None);
        var again = await _db.Database.RunAsync(u => u.Resources.DeleteCertificateRequestsAsync("owned", "web", None), None);

        Assert.Equal(["web-1", "web-2", "web-5"], deleted.Select(k => k.Name).Order());
        Assert.All(deleted, k => Assert.Equal(new ResourceKey(ResourceKinds.CertificateRequest, "owned", k.Name), k));
        Assert.Empty(again);
        Assert.Equal(["api-1", "web-1-1"], await NamesAsync(ResourceKinds.CertificateRequest, "owned"));
        Assert.Equal(["web-1"], await NamesAsync(ResourceKinds.CertificateRequest, "elsewhere"));
        Assert.Equal(["web"], await NamesAsync(Widget.Kind, "owned"));
    }

    [Fact]
    public async Task DeleteCertificateRequestsAsync_TwentyThousandRequestsInNamespace_PlanUsesCertificateRequestsIndex()
    {
        // 10,000 certificates with two requests each in one namespace, as a bulk issuance leaves them.
        await _db.ExecuteAsync("""
            INSERT INTO resources (kind, namespace, name, uid, resource_version, doc)
            SELECT 'CertificateRequest', 'bulk', 'c' || (g / 2) || '-' || (g % 2 + 1), gen_random_uuid(), 1,
                   jsonb_build_object('metadata', jsonb_build_object('namespace', 'bulk', 'name', 'c' || (g / 2) || '-' || (g % 2 + 1),
                       'labels', jsonb_build_object('cert-manager.io/certificate-name', 'c' || (g / 2))))
            FROM generate_series(0, 19999) AS g
            """);
        await _db.ExecuteAsync("ANALYZE resources");

        var plan = await _db.ScalarAsync<string>($"""
            EXPLAIN (FORMAT JSON) DELETE FROM resources
            WHERE kind = 'CertificateRequest' AND namespace = 'bulk'
              AND doc -> 'metadata' -> 'labels' ->> '{CertificateNameLabel}' = 'c4242'
            """);
        var deleted = await _db.Database.RunAsync(u => u.Resources.DeleteCertificateRequestsAsync("bulk", "c4242", None), None);

        Assert.Contains("\"resources_certificate_requests\"", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("Seq Scan", plan, StringComparison.Ordinal);
        Assert.Equal(["c4242-1", "c4242-2"], deleted.Select(k => k.Name).Order());
        Assert.Equal(19_998L, await _db.ScalarAsync<long>("SELECT count(*) FROM resources WHERE kind = 'CertificateRequest' AND namespace = 'bulk'"));
    }

    Task CreateRequestAsync(string @namespace, string name, string certificateName) =>
        CreateAsync(new ResourceKey(ResourceKinds.CertificateRequest, @namespace, name), certificateName);

    async Task CreateAsync(ResourceKey key, string certificateName)
    {
        var widget = Widget.Named(key.Namespace, key.Name);
        widget = widget with { Metadata = widget.Metadata with { Labels = new Dictionary<string, string> { [CertificateNameLabel] = certificateName } } };
        await _db.Database.RunAsync(u => u.Resources.CreateAsync(key, widget.Metadata.Uid, widget, null, None), None);
    }

    async Task<string[]> NamesAsync(string kind, string @namespace)
    {
        var json = await _db.ScalarAsync<string>(
            "SELECT coalesce(json_agg(name ORDER BY name), '[]')::text FROM resources WHERE kind = @kind AND namespace = @ns", ("kind", kind), ("ns", @namespace));
        return JsonSerializer.Deserialize<string[]>(json)!;
    }
}
