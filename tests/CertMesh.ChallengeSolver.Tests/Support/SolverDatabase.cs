using System.Security.Cryptography;
using CertMesh.ChallengeSolver.Queue;
using CertMesh.Persistence.Database;
using CertMesh.Persistence.Messaging;
using CertMesh.Persistence.Secrets;
using Npgsql;

namespace CertMesh.ChallengeSolver.Tests.Support;

/// <summary>
/// A scratch database of one test's own (<c>certmesh_solver_*</c>) on the real PostgreSQL, with the schema, dropped
/// at the end. Missing PostgreSQL fails the test with a message saying how to start it; nothing is skipped.
/// </summary>
public sealed class SolverDatabase : IAsyncDisposable
{
    readonly string _name;

    SolverDatabase(string name, string connectionString, NpgsqlDataSource dataSource)
    {
        _name = name;
        ConnectionString = connectionString;
        DataSource = dataSource;
        var secretKey = RandomNumberGenerator.GetBytes(32);
        SecretKey = Convert.ToBase64String(secretKey);
        Database = new CertMeshDatabase(dataSource, new SecretCipher(secretKey), new OutboxSignal(), TimeProvider.System);
    }

    public string ConnectionString { get; }
    /// <summary>The secrets' encryption key, as CERTMESH_SECRET_KEY for a service process sharing this database.</summary>
    public string SecretKey { get; }
    public NpgsqlDataSource DataSource { get; }
    public CertMeshDatabase Database { get; }

    public static async Task<SolverDatabase> CreateAsync()
    {
        var (name, connectionString) = await ScratchDatabase.CreateAsync("certmesh_solver_");
        var dataSource = NpgsqlDataSource.Create(connectionString);
        await Schema.EnsureAsync(dataSource, CancellationToken.None);
        return new SolverDatabase(name, connectionString, dataSource);
    }

    public static ChallengeWork Work(string name, string dnsName, string type = "http-01", string @namespace = "default") =>
        new(@namespace, name, dnsName, type, new ChallengeAccount { AcmeServer = "https://acme.test/dir", KeySecretNamespace = @namespace, KeySecretName = "account" });

    public async Task EnqueueAsync(params ChallengeWork[] works)
    {
        await using var unit = await Database.BeginAsync(CancellationToken.None);
        foreach (var work in works)
            await ChallengeQueue.EnqueueAsync(unit, work, CancellationToken.None);
        await unit.CommitAsync(CancellationToken.None);
    }

    public async Task ReleaseAsync(ChallengeHold hold, bool requeue = false)
    {
        await using var unit = await Database.BeginAsync(CancellationToken.None);
        await ChallengeQueue.ReleaseAsync(unit, hold, CancellationToken.None, requeue);
        await unit.CommitAsync(CancellationToken.None);
    }

    public async Task<T> ScalarAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = DataSource.CreateCommand(sql);
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public async Task<int> ExecuteAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = DataSource.CreateCommand(sql);
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        return await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        // An autovacuum worker (owned by the superuser) may still be busy in the database after the heavy tests, and
        // DROP ... WITH (FORCE) may not terminate it as certmesh: it ends within moments, so the drop is retried.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await ScratchDatabase.DropAsync(_name);
                return;
            }
            catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.InsufficientPrivilege && attempt < 20)
            {
                await Task.Delay(250);
            }
        }
    }
}
