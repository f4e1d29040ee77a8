using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertMesh.AcmeOrder.Accounts;
using CertMesh.AcmeOrder.Orders;
using CertMesh.Acme.Hosting;
using CertMesh.Persistence.Database;
using CertMesh.Persistence.Messaging;
using CertMesh.Persistence.Secrets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CertMesh.AcmeOrder.Tests.Support;

/// <summary>
/// The service's workflow classes wired by its own Extensions.cs, on a scratch database of the real PostgreSQL
/// and against the real Pebble of infra-up.sh (trusted through its own CA, validation on). Tests call the workflows
/// with a unit of work and read what they would have published from the outbox table; only ConsumerTests adds a
/// bus (MassTransit's in-memory harness).
/// Missing servers fail every test with a message naming the script; nothing is skipped.
/// </summary>
public sealed class AcmeOrderFixture : IAsyncLifetime
{
    string _databaseName = "";

    ServiceProvider? _services;

    internal IConfiguration Configuration { get; } = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["CERTMESH_ACME_CA_FILE"] = TestEnvironment.PebbleCaFile,
        ["CERTMESH_ACME_MIN_POLL_MS"] = "50",
        ["CERTMESH_CLUSTER_RESOURCE_NAMESPACE"] = "certmesh-cluster",
    }).Build();

    internal NpgsqlDataSource DataSource { get; private set; } = null!;
    internal CertMeshDatabase Database { get; private set; } = null!;
    internal AcmeClients Clients => _services!.GetRequiredService<AcmeClients>();
    internal AcmeOrderOptions Options => _services!.GetRequiredService<AcmeOrderOptions>();
    internal AccountRegistrar Registrar => _services!.GetRequiredService<AccountRegistrar>();
    internal OrderCreation Creation => _services!.GetRequiredService<OrderCreation>();
    internal OrderProgress Progress => _services!.GetRequiredService<OrderProgress>();
    public Uri Directory => TestEnvironment.PebbleDirectory;
    public HttpClient PebbleHttp { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var roots = new X509Certificate2Collection();
        roots.ImportFromPemFile(TestEnvironment.PebbleCaFile);
        PebbleHttp = new HttpClient(CertMesh.Acme.Http.AcmeHttpHandlers.TrustingRoots(roots)) { Timeout = TimeSpan.FromSeconds(30) };
        try
        {
            (await PebbleHttp.GetAsync(Directory)).EnsureSuccessStatusCode();
        }
        catch (HttpRequestException exception)
        {
            throw new InvalidOperationException($"Pebble is not reachable at {Directory} (PEBBLE_DIRECTORY): {exception.Message}. Start it with deploy/local/infra-up.sh.", exception);
        }

        var (name, connectionString) = await ScratchDatabase.CreateAsync("certmesh_ao_");
        _databaseName = name;
        DataSource = NpgsqlDataSource.Create(connectionString);
        await Schema.EnsureAsync(DataSource, CancellationToken.None);
        Database = new CertMeshDatabase(DataSource, new SecretCipher(RandomNumberGenerator.GetBytes(32)), new OutboxSignal(), TimeProvider.System);
        _services = CreateServices();
    }

    /// <summary>The service's own wiring (<c>AddAcmeOrdering</c>) on the scratch database, plus what a test adds.</summary>
    internal ServiceProvider CreateServices(Action<IServiceCollection>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton(Configuration);
        services.AddLogging();
        services.AddSingleton(DataSource);
        services.AddSingleton(Database);
        services.AddAcmeOrdering(Configuration);
        configure?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public async Task DisposeAsync()
    {
        if (_services is not null)
            await _services.DisposeAsync();
        PebbleHttp?.Dispose();
        if (DataSource is not null)
            await DataSource.DisposeAsync();
        if (_databaseName.Length > 0)
            await ScratchDatabase.DropAsync(_databaseName);
    }

    /// <summary>Runs <paramref name="work"/> in a unit of work and commits it, as a consumer does.</summary>
    internal async Task RunAsync(Func<UnitOfWork, Task> work)
    {
        await using var unit = await Database.BeginAsync(CancellationToken.None);
        await work(unit);
        await unit.CommitAsync(CancellationToken.None);
    }

    internal Task<T> ReadAsync<T>(Func<UnitOfWork, Task<T>> read) => Database.RunAsync(read, CancellationToken.None);

    /// <summary>Pebble's issuing root (a new one at every Pebble start).</summary>
    public async Task<X509Certificate2> PebbleRootAsync() =>
        X509Certificate2.CreateFromPem(await PebbleHttp.GetStringAsync(new Uri(TestEnvironment.PebbleManagement, "/roots/0")));
}

/// <summary>One database, one Pebble account flow at a time: the tests share port 5002 and run in sequence.</summary>
[CollectionDefinition(Name)]
public sealed class AcmeOrderCollection : ICollectionFixture<AcmeOrderFixture>
{
    public const string Name = "AcmeOrder";
}
