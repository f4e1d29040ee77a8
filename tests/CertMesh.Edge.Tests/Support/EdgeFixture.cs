using System.Security.Cryptography;
using CertMesh.Persistence.Challenges;
using CertMesh.Persistence.Database;
using CertMesh.Persistence.Messaging;
using CertMesh.Persistence.Secrets;
using Npgsql;

namespace CertMesh.Edge.Tests.Support;

/// <summary>
/// A database of its own (<c>certmesh_edge_*</c>, dropped at the end) on the real PostgreSQL, the test vhost on the
/// real RabbitMQ, two backends, a route file and two Edge processes: <see cref="Edge"/> as deployed, and
/// <see cref="EventsOnlyEdge"/> with the miss lookup off, so what it serves can only have come from its initial
/// load or from events on its own queue. A token is written straight into the table (no event) before either
/// starts. The Edges' own outbox dispatchers deliver the events the tests' presents write.
/// </summary>
public sealed class EdgeFixture : IAsyncLifetime
{
    public const string PreloadedToken = "preloadedTokenWrittenBeforeStart_0123456789";
    public const string PreloadedKeyAuthorization = PreloadedToken + ".preloaded-thumbprint";

    string _databaseName = "";
    NpgsqlDataSource? _dataSource;

    public ServiceProcess Edge { get; private set; } = null!;
    public ServiceProcess EventsOnlyEdge { get; private set; } = null!;
    public CertMeshDatabase Database { get; private set; } = null!;
    public Backend First { get; } = new("first");
    public Backend Second { get; } = new("second");
    public string RoutesFile { get; }
    public string LogDirectory { get; }

    public EdgeFixture()
    {
        LogDirectory = Path.Combine(TestEnvironment.RepositoryRoot, "tests", "CertMesh.Edge.Tests", "bin", "edge-logs", DateTime.UtcNow.ToString("yyyyMMdd-HHmmss-fff"));
        Directory.CreateDirectory(LogDirectory);
        RoutesFile = Path.Combine(LogDirectory, "edge-routes.json");
    }

    public async Task InitializeAsync()
    {
        await RabbitMqProbe.EnsureReachableAsync("certmesh-edge-tests");
        (_databaseName, var connectionString) = await ScratchDatabase.CreateAsync("certmesh_edge_");
        _dataSource = NpgsqlDataSource.Create(connectionString);
        await Schema.EnsureAsync(_dataSource, CancellationToken.None);
        Database = new CertMeshDatabase(_dataSource, new SecretCipher(RandomNumberGenerator.GetBytes(32)), new OutboxSignal(), TimeProvider.System);
        await ExecuteAsync("INSERT INTO http01_tokens (token, key_authorization, dns_name) VALUES (@token, @key, 'preloaded.test')",
            ("token", PreloadedToken), ("key", PreloadedKeyAuthorization));
        WriteRoutes(RoutesTo(First));

        var environment = new Dictionary<string, string?>
        {
            ["CERTMESH_POSTGRES"] = connectionString,
            ["CERTMESH_RABBITMQ"] = TestEnvironment.RabbitMq.ToString(),
            ["CERTMESH_SECRET_KEY"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["CERTMESH_EDGE_ROUTES"] = RoutesFile,
            ["CERTMESH_EDGE_ROUTES_POLL_SECONDS"] = "1",
        };
        var edges = await Task.WhenAll(
            ServiceProcess.StartAsync("Edge@main", environment, LogDirectory),
            ServiceProcess.StartAsync("Edge@events-only", new Dictionary<string, string?>(environment) { ["CERTMESH_EDGE_MISS_LOOKUP"] = "false" }, LogDirectory));
        (Edge, EventsOnlyEdge) = (edges[0], edges[1]);
    }

    /// <summary>A route file sending /app/** and everything else to <paramref name="backend"/>.</summary>
    public static string RoutesTo(Backend backend) => $$"""
        {
          "Routes": {
            "app": { "ClusterId": "backend", "Match": { "Path": "/app/{**rest}" } },
            "everything-else": { "ClusterId": "backend", "Order": 100, "Match": { "Path": "/{**catch-all}" } }
          },
          "Clusters": {
            "backend": { "Destinations": { "only": { "Address": "{{backend.Address}}" } } }
          }
        }
        """;

    public void WriteRoutes(string json)
    {
        // Written beside and renamed over, as editors and ConfigMap updates do: the Edge never reads half a file.
        var temporary = RoutesFile + ".tmp";
        File.WriteAllText(temporary, json);
        File.Move(temporary, RoutesFile, overwrite: true);
    }

    public async Task PresentAsync(string token, string keyAuthorization, string dnsName)
    {
        await using var unit = await Database.BeginAsync(CancellationToken.None);
        await Http01TokenStore.PresentAsync(unit, token, keyAuthorization, dnsName, CancellationToken.None);
        await unit.CommitAsync(CancellationToken.None);
    }

    public async Task RemoveAsync(string token)
    {
        await using var unit = await Database.BeginAsync(CancellationToken.None);
        await Http01TokenStore.RemoveAsync(unit, token, CancellationToken.None);
        await unit.CommitAsync(CancellationToken.None);
    }

    public async Task<int> ExecuteAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = _dataSource!.CreateCommand(sql);
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        return await command.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync()
    {
        Edge?.Dispose();
        EventsOnlyEdge?.Dispose();
        First.Dispose();
        Second.Dispose();
        if (_dataSource is not null)
            await _dataSource.DisposeAsync();
        if (_databaseName.Length > 0)
            await ScratchDatabase.DropAsync(_databaseName);
    }
}
