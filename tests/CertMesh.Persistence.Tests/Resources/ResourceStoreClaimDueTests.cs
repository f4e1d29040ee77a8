using System.Text.Json;
using CertMesh.Persistence.Resources;
using CertMesh.Persistence.Tests.Support;
using NpgsqlTypes;

namespace CertMesh.Persistence.Tests.Resources;

/// <summary>The renewal sweep's claim: only what is due, oldest first, split between replicas, cheap at scale.</summary>
public sealed class ResourceStoreClaimDueTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    // Mirrors the query in ResourceStore.ClaimDueAsync (private there); keep the two in step.
    const string ClaimDueSql =
        "SELECT namespace, name FROM resources WHERE kind = @kind AND due_at IS NOT NULL AND due_at <= @now ORDER BY due_at LIMIT @limit FOR UPDATE SKIP LOCKED";

    readonly TestDatabase _db = fixture.Db;
    static readonly DateTimeOffset Now = new(2031, 6, 1, 12, 0, 0, TimeSpan.Zero);
    static CancellationToken None => CancellationToken.None;

    [Fact]
    public async Task ClaimDueAsync_MixedDueTimes_ReturnsOnlyDueRowsOldestFirst()
    {
        const string kind = "DueWidget";
        // Created in an order unrelated to their due times.
        await CreateAsync(kind, "due-3", Now.AddMinutes(-1));
        await CreateAsync(kind, "future", Now.AddMinutes(1));
        await CreateAsync(kind, "due-1", Now.AddDays(-2));
        await CreateAsync(kind, "never", null);
        await CreateAsync(kind, "due-exactly-now", Now);
        await CreateAsync(kind, "due-2", Now.AddHours(-3));
        await CreateAsync("OtherDueWidget", "other-kind", Now.AddDays(-5));

        var claimed = await _db.Database.RunAsync(u => u.Resources.ClaimDueAsync(kind, Now, 100, None), None);
        var limited = await _db.Database.RunAsync(u => u.Resources.ClaimDueAsync(kind, Now, 2, None), None);

        Assert.Equal(["due-1", "due-2", "due-3", "due-exactly-now"], claimed.Select(k => k.Name));
        Assert.All(claimed, k => Assert.Equal(new ResourceKey(kind, "sweep", k.Name), k));
        Assert.Equal(["due-1", "due-2"], limited.Select(k => k.Name));
    }

    [Fact]
    public async Task ClaimDueAsync_TwoConcurrentTransactions_ClaimDisjointSets()
    {
        const string kind = "SharedSweepWidget";
        for (var i = 0; i < 10; i++)
            await CreateAsync(kind, $"w-{i:00}", Now.AddMinutes(-10 + i));
        await CreateAsync(kind, "future", Now.AddMinutes(5));

        IReadOnlyList<ResourceKey> firstClaim, secondClaim, thirdClaim;
        await using (var first = await _db.Database.BeginAsync(None))
        await using (var second = await _db.Database.BeginAsync(None))
        {
            firstClaim = await first.Resources.ClaimDueAsync(kind, Now, 5, None);
            // The second replica sweeps while the first still holds its rows.
            secondClaim = await second.Resources.ClaimDueAsync(kind, Now, 5, None);
            thirdClaim = await _db.Database.RunAsync(u => u.Resources.ClaimDueAsync(kind, Now, 5, None), None);
            await first.CommitAsync(None);
        }

        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"w-{i:00}"), firstClaim.Select(k => k.Name));
        Assert.Equal(Enumerable.Range(5, 5).Select(i => $"w-{i:00}"), secondClaim.Select(k => k.Name));
        Assert.Empty(thirdClaim);
        // Claiming changes nothing: once both transactions end (one committed, one rolled back) all rows are claimable again.
        var again = await _db.Database.RunAsync(u => u.Resources.ClaimDueAsync(kind, Now, 100, None), None);
        Assert.Equal(10, again.Count);
    }

    [Fact]
    public async Task ClaimDueAsync_FiftyThousandRowsNotDue_PlanUsesResourcesDueIndex()
    {
        const string kind = "Certificate";
        // 50,000 certificates of which half have no due time and half are due next month: one set-based INSERT.
        var inserted = await _db.ExecuteAsync("""
            INSERT INTO resources (kind, namespace, name, uid, resource_version, doc, due_at)
            SELECT @kind, 'bulk', 'cert-' || g, gen_random_uuid(), 1,
                   jsonb_build_object('metadata', jsonb_build_object('namespace', 'bulk', 'name', 'cert-' || g)),
                   CASE WHEN g % 2 = 0 THEN NULL ELSE @later::timestamptz + g * interval '1 second' END
            FROM generate_series(1, 50000) AS g
            """, ("kind", kind), ("later", Now.AddDays(30).UtcDateTime));
        Assert.Equal(50_000, inserted);
        for (var i = 0; i < 5; i++)
            await CreateAsync(kind, $"due-{i}", Now.AddHours(-5 + i));
        await _db.ExecuteAsync("ANALYZE resources");

        var plan = await ExplainAsync(kind, Now, 100);
        var claimed = await _db.Database.RunAsync(u => u.Resources.ClaimDueAsync(kind, Now, 100, None), None);

        Assert.Equal(["resources_due"], IndexesUsed(plan));
        Assert.DoesNotContain("Seq Scan", NodeTypes(plan));
        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"due-{i}"), claimed.Select(k => k.Name));
    }

    async Task CreateAsync(string kind, string name, DateTimeOffset? due)
    {
        var key = new ResourceKey(kind, "sweep", name);
        await _db.Database.RunAsync(u => u.Resources.CreateAsync(key, Guid.NewGuid(), Widget.Named(key.Namespace, name), due, None), None);
    }

    async Task<JsonElement> ExplainAsync(string kind, DateTimeOffset now, int limit)
    {
        await using var unit = await _db.Database.BeginAsync(None);
        await using var command = unit.Command("EXPLAIN (FORMAT JSON) " + ClaimDueSql);
        command.Parameters.AddWithValue("kind", kind);
        command.Parameters.AddWithValue("now", NpgsqlDbType.TimestampTz, now.UtcDateTime);
        command.Parameters.AddWithValue("limit", limit);
        var json = (string)(await command.ExecuteScalarAsync())!;
        return JsonDocument.Parse(json).RootElement[0].GetProperty("Plan").Clone();
    }

    static IEnumerable<JsonElement> Nodes(JsonElement node)
    {
        yield return node;
        if (node.TryGetProperty("Plans", out var children))
        {
            foreach (var child in children.EnumerateArray())
            {
                foreach (var descendant in Nodes(child))
                    yield return descendant;
            }
        }
    }

    static string[] IndexesUsed(JsonElement plan) =>
        Nodes(plan).Where(n => n.TryGetProperty("Index Name", out _)).Select(n => n.GetProperty("Index Name").GetString()!).ToArray();

    static string[] NodeTypes(JsonElement plan) => Nodes(plan).Select(n => n.GetProperty("Node Type").GetString()!).ToArray();
}
