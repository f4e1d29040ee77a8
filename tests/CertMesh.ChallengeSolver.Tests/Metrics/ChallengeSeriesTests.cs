using System.Text.Json;
using CertMesh.ChallengeSolver.Metrics;
using CertMesh.Domain.Resources;
using CertMesh.Hosting.Metrics;
using CertMesh.Hosting.Metrics.Resources;
using CertMesh.Persistence.Database;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Xunit;

namespace CertMesh.ChallengeSolver.Tests.Metrics;

/// <summary>Challenges as stored, projected by the real PostgreSQL, written as cert-manager's ACME collector writes them.</summary>
public sealed class ChallengeSeriesTests : IAsyncLifetime
{
    string _database = "";
    NpgsqlDataSource _dataSource = null!;

    public async Task InitializeAsync()
    {
        (_database, var connectionString) = await CertMesh.Testing.ScratchDatabase.CreateAsync("challengeseries_");
        _dataSource = NpgsqlDataSource.Create(connectionString);
        await Schema.EnsureAsync(_dataSource, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _dataSource.DisposeAsync();
        await CertMesh.Testing.ScratchDatabase.DropAsync(_database);
    }

    [Fact]
    public async Task Write_ChallengeInvalidWithLongReason_OneSeriesPerStateAndBoundedReason()
    {
        var reason = "Invalid response: <html>\n" + new string('x', 1000);
        await StoreAsync(new Challenge
        {
            Metadata = new ObjectMeta { Name = "web-1-2-3", Namespace = "shop" },
            Spec = new ChallengeSpec { DnsName = "web.example.test", Type = "HTTP-01" },
            Status = new ChallengeStatus { State = ChallengeStates.Invalid, Reason = reason, Processing = false },
        });
        var series = new ChallengeSeries();
        using var feed = new ResourceChangeFeed(_dataSource, [series], new HostingEnvironment { ApplicationName = "challenge-series-test" },
            new ResourceFeedOptions(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(10), TimeSpan.FromMilliseconds(200)),
            TimeProvider.System, NullLogger<ResourceChangeFeed>.Instance);
        await feed.StartAsync(CancellationToken.None);
        await CertMesh.Testing.Eventually.UntilAsync(() => Task.FromResult(series.Count), count => count == 1, TimeSpan.FromSeconds(15), "the challenge loaded");
        var writer = new StringWriter();
        series.Write(new MetricText(writer), DateTimeOffset.UtcNow);
        await feed.StopAsync(CancellationToken.None);

        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith('#')).ToArray();

        Assert.Equal(8, lines.Length);
        var bounded = "Invalid response: <html> " + new string('x', 256 - "Invalid response: <html> ".Length);
        Assert.Contains($"certmanager_certificate_challenge_status{{status=\"invalid\",domain=\"web.example.test\",reason=\"{bounded}\",processing=\"false\",name=\"web-1-2-3\",namespace=\"shop\",type=\"HTTP-01\"}} 1", lines);
        Assert.Single(lines, l => l.EndsWith(" 1", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("certmanager_certificate_challenge_status{status=\"\",", StringComparison.Ordinal));
    }

    async Task StoreAsync(Challenge challenge)
    {
        await using var command = _dataSource.CreateCommand(
            "INSERT INTO resources (kind, namespace, name, uid, resource_version, doc) VALUES ('Challenge', @ns, @name, gen_random_uuid(), 1, @doc)");
        command.Parameters.AddWithValue("ns", challenge.Metadata.Namespace);
        command.Parameters.AddWithValue("name", challenge.Metadata.Name);
        command.Parameters.AddWithValue("doc", NpgsqlTypes.NpgsqlDbType.Jsonb, JsonSerializer.Serialize(challenge, Json.Options));
        await command.ExecuteNonQueryAsync();
    }
}
