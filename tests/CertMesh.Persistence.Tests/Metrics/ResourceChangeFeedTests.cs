using System.Text.Json;
using CertMesh.Hosting.Metrics;
using CertMesh.Hosting.Metrics.Resources;
using CertMesh.Persistence.Database;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CertMesh.Persistence.Tests.Metrics;

/// <summary>The change feed on the real PostgreSQL: it follows writes and deletions, and one replica leads.</summary>
public sealed class ResourceChangeFeedTests : IAsyncLifetime
{
    static readonly ResourceFeedOptions Fast = new(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(10), TimeSpan.FromMilliseconds(200));

    string _database = "";
    NpgsqlDataSource _dataSource = null!;

    public async Task InitializeAsync()
    {
        (_database, var connectionString) = await ScratchDatabase.CreateAsync("feed_");
        _dataSource = NpgsqlDataSource.Create(connectionString);
        await Schema.EnsureAsync(_dataSource, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _dataSource.DisposeAsync();
        await ScratchDatabase.DropAsync(_database);
    }

    [Fact]
    public async Task Feed_ResourcesWrittenBeforeAndAfterStart_SeriesFollowWritesAndDeletions()
    {
        await WriteAsync("Certificate", "a", "one", "1");
        await WriteAsync("Order", "a", "ignored", "9");
        var series = new ValueSeries();
        using var feed = await StartAsync(series);

        await Eventually.UntilAsync(() => Task.FromResult(series.Text()), text => text == "value{name=\"one\"} 1\n", TimeSpan.FromSeconds(15), "the full load");

        await WriteAsync("Certificate", "a", "one", "2");
        await WriteAsync("Certificate", "a", "two", "3");
        await Eventually.UntilAsync(() => Task.FromResult(series.Text()), text => text == "value{name=\"one\"} 2\nvalue{name=\"two\"} 3\n", TimeSpan.FromSeconds(15), "an update and a creation");

        await ExecuteAsync("DELETE FROM resources WHERE kind = 'Certificate' AND name = 'one'");
        await Eventually.UntilAsync(() => Task.FromResult(series.Text()), text => text == "value{name=\"two\"} 3\n", TimeSpan.FromSeconds(15), "a deletion");
    }

    [Fact]
    public async Task Feed_TwoReplicas_OneLeadsAndTheOtherTakesOverWhenItStops()
    {
        await WriteAsync("Certificate", "a", "one", "1");
        var first = new ValueSeries();
        var second = new ValueSeries();
        var leader = await StartAsync(first);
        await Eventually.UntilAsync(() => Task.FromResult(first.Count), count => count == 1, TimeSpan.FromSeconds(15), "the first replica leads");
        using var follower = await StartAsync(second);
        await Task.Delay(1_000);

        Assert.Equal(0, second.Count);

        await leader.StopAsync(CancellationToken.None);
        leader.Dispose();
        await Eventually.UntilAsync(() => Task.FromResult(second.Count), count => count == 1, TimeSpan.FromSeconds(15), "the second replica takes over");
        Assert.Equal(0, first.Count);
    }

    async Task<ResourceChangeFeed> StartAsync(IResourceSeries series)
    {
        var environment = new HostingEnvironment { ApplicationName = "feed-test" };
        var feed = new ResourceChangeFeed(_dataSource, [series], environment, Fast, TimeProvider.System, NullLogger<ResourceChangeFeed>.Instance);
        await feed.StartAsync(CancellationToken.None);
        return feed;
    }

    Task WriteAsync(string kind, string @namespace, string name, string value) => ExecuteAsync("""
        INSERT INTO resources (kind, namespace, name, uid, resource_version, doc) VALUES (@kind, @ns, @name, gen_random_uuid(), 1, jsonb_build_object('v', @value))
        ON CONFLICT (kind, namespace, name) DO UPDATE SET doc = EXCLUDED.doc, resource_version = resources.resource_version + 1
        """, ("kind", kind), ("ns", @namespace), ("name", name), ("value", value));

    async Task ExecuteAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = _dataSource.CreateCommand(sql);
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>One sample per Certificate, its value the document's <c>v</c>, in name order (for exact comparison).</summary>
    sealed class ValueSeries : ResourceSeries<ValueSeries.Row>
    {
        public override IReadOnlyCollection<string> Kinds { get; } = ["Certificate"];

        public override string Projection => "jsonb_build_object('v', (doc ->> 'v')::numeric)";

        protected override Row Project(ResourceName resource, JsonElement projected) => new(resource.Name, Number(projected, "v"));

        public override void Write(MetricText text, DateTimeOffset now)
        {
            foreach (var row in Rows.OrderBy(r => r.Name, StringComparer.Ordinal))
                text.Sample("value", MetricText.Labels(("name", row.Name)), row.Value);
        }

        public string Text()
        {
            var writer = new StringWriter();
            Write(new MetricText(writer), DateTimeOffset.UnixEpoch);
            return writer.ToString();
        }

        public sealed record Row(string Name, double Value);
    }
}
