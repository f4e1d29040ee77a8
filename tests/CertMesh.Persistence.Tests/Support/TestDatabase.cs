using System.Security.Cryptography;
using CertMesh.Persistence.Database;
using CertMesh.Persistence.Messaging;
using CertMesh.Persistence.Secrets;
using Npgsql;

namespace CertMesh.Persistence.Tests.Support;

/// <summary>
/// A database of its own on the real PostgreSQL (<c>certmesh_pt_*</c>), dropped on dispose. The <c>certmesh</c>
/// database is only used to create and drop it: a dev stack may be using its tables.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    TestDatabase(string name, string connectionString)
    {
        Name = name;
        ConnectionString = connectionString;
        DataSource = NpgsqlDataSource.Create(connectionString);
        Cipher = new SecretCipher(RandomNumberGenerator.GetBytes(32));
        Database = new CertMeshDatabase(DataSource, Cipher, Signal, TimeProvider.System);
    }

    public string Name { get; }
    public string ConnectionString { get; }
    public NpgsqlDataSource DataSource { get; }
    public SecretCipher Cipher { get; }
    public OutboxSignal Signal { get; } = new();
    public CertMeshDatabase Database { get; }

    public static async Task<TestDatabase> CreateAsync(bool withSchema = true)
    {
        var (name, connectionString) = await ScratchDatabase.CreateAsync("certmesh_pt_");
        var database = new TestDatabase(name, connectionString);
        if (withSchema)
            await Schema.EnsureAsync(database.DataSource, CancellationToken.None);
        return database;
    }

    /// <summary>The same database seen through another key, as a service configured with a different one would.</summary>
    public CertMeshDatabase WithCipher(SecretCipher cipher) => new(DataSource, cipher, new OutboxSignal(), TimeProvider.System);

    public async Task<T> ScalarAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = Command(sql, parameters);
        var result = await command.ExecuteScalarAsync();
        return result is null or DBNull ? default! : (T)result;
    }

    public async Task<int> ExecuteAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = Command(sql, parameters);
        return await command.ExecuteNonQueryAsync();
    }

    NpgsqlCommand Command(string sql, (string Name, object Value)[] parameters)
    {
        var command = DataSource.CreateCommand(sql);
        foreach (var (parameterName, value) in parameters)
            command.Parameters.AddWithValue(parameterName, value);
        return command;
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        await ScratchDatabase.DropAsync(Name);
    }
}

/// <summary>One fresh database with the schema per test class.</summary>
public sealed class DatabaseFixture : IAsyncLifetime
{
    TestDatabase? _database;

    public TestDatabase Db => _database ?? throw new InvalidOperationException("the fixture is not initialized");

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public async Task DisposeAsync()
    {
        if (_database is not null)
            await _database.DisposeAsync();
    }
}
