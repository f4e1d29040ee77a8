using System.Security.Cryptography;
using System.Text;
using CertMesh.Domain.Resources;
using CertMesh.Persistence.Database;
using CertMesh.Persistence.Messaging;
using CertMesh.Persistence.Secrets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CertMesh.DnsWebhook.Tests.Support;

/// <summary>
/// A scratch database on the real PostgreSQL holding the Secrets solvers refer to, and the service's own wiring
/// (<c>AddDnsChanges</c>) on top of it. A missing server fails every test with a message naming the script.
/// </summary>
public sealed class DnsWebhookDatabase : IAsyncLifetime
{
    string _name = "";

    /// <summary>The AES key the scratch store is encrypted with, in the form CERTMESH_SECRET_KEY takes.</summary>
    public string SecretKey { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public string ConnectionString { get; private set; } = "";
    internal NpgsqlDataSource DataSource { get; private set; } = null!;
    internal CertMeshDatabase Database { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        (_name, ConnectionString) = await ScratchDatabase.CreateAsync("certmesh_dnswh_");
        DataSource = NpgsqlDataSource.Create(ConnectionString);
        await Schema.EnsureAsync(DataSource, CancellationToken.None);
        Database = new CertMeshDatabase(DataSource, SecretCipher.FromBase64(SecretKey), new OutboxSignal(), TimeProvider.System);
    }

    public async Task DisposeAsync()
    {
        if (DataSource is not null)
            await DataSource.DisposeAsync();
        if (_name.Length > 0)
            await ScratchDatabase.DropAsync(_name);
    }

    /// <summary>The service's wiring on this database, with <paramref name="settings"/> as its environment.</summary>
    internal ServiceProvider CreateServices(LogCapture logs, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
        services.AddSingleton(Database);
        services.AddDnsChanges(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    /// <summary>Stores an Opaque Secret whose values are the given texts (UTF-8), as <c>kubectl create secret generic</c> would.</summary>
    internal Task PutSecretAsync(string @namespace, string name, IReadOnlyDictionary<string, string> data) =>
        Database.RunAsync(unit => unit.Secrets.PutAsync(new Secret
        {
            Metadata = new ObjectMeta { Namespace = @namespace, Name = name, Uid = Guid.NewGuid(), CreationTimestamp = DateTimeOffset.UtcNow },
            Type = SecretTypes.Opaque,
            Data = data.ToDictionary(kv => kv.Key, kv => Encoding.UTF8.GetBytes(kv.Value)),
        }, null, CancellationToken.None), CancellationToken.None);

    /// <summary>The TSIG Secret of the local BIND key, with the trailing newline a file written by tsig-keygen tooling has.</summary>
    internal Task PutTsigSecretAsync(string @namespace, string? secret = null) =>
        PutSecretAsync(@namespace, Requests.TsigSecretName, new Dictionary<string, string> { [Requests.TsigSecretKey] = (secret ?? Bind.Secret) + "\n" });
}
