using CertMesh.Persistence.Database;
using CertMesh.Persistence.Tests.Support;

namespace CertMesh.Persistence.Tests.Database;

public sealed class SchemaTests
{
    // The tables the stores use; the schema may hold more (bookkeeping), which these tests do not pin down.
    static readonly string[] Tables = ["inbox", "outbox", "resource_events", "resources", "sagas", "secrets"];

    [Fact]
    public async Task EnsureAsync_RunTwice_SecondRunSucceedsAndKeepsData()
    {
        await using var db = await TestDatabase.CreateAsync(withSchema: false);

        await Schema.EnsureAsync(db.DataSource, CancellationToken.None);
        await db.ExecuteAsync("INSERT INTO inbox (consumer, message_id) VALUES ('schema-test', gen_random_uuid())");
        await Schema.EnsureAsync(db.DataSource, CancellationToken.None);

        Assert.Subset((await TablesAsync(db)).ToHashSet(), Tables.ToHashSet());
        Assert.Equal(1L, await db.ScalarAsync<long>("SELECT count(*) FROM inbox"));
    }

    [Fact]
    public async Task EnsureAsync_FourConcurrentStartsOnEmptyDatabase_AllSucceed()
    {
        await using var db = await TestDatabase.CreateAsync(withSchema: false);
        using var start = new ManualResetEventSlim();

        // Four "services" starting at once against an empty database, each on its own connection.
        var starts = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            start.Wait();
            await Schema.EnsureAsync(db.DataSource, CancellationToken.None);
        })).ToArray();
        start.Set();
        await Task.WhenAll(starts);

        Assert.Subset((await TablesAsync(db)).ToHashSet(), Tables.ToHashSet());
        Assert.Equal(1L, await db.ScalarAsync<long>("SELECT count(*) FROM pg_indexes WHERE indexname = 'resources_due'"));
    }

    static async Task<string[]> TablesAsync(TestDatabase db) =>
        await db.ScalarAsync<string[]>("SELECT array_agg(tablename::text ORDER BY tablename) FROM pg_tables WHERE schemaname = 'public'");
}
