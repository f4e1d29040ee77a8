using Npgsql;

namespace CertMesh.Testing;

/// <summary>
/// A database of a suite's own on the real PostgreSQL. The configured database is only used to create and drop
/// it: a dev stack may be using its tables.
/// </summary>
public static class ScratchDatabase
{
    /// <returns>the new database's name and a connection string to it.</returns>
    public static async Task<(string Name, string ConnectionString)> CreateAsync(string prefix)
    {
        var name = prefix + Guid.NewGuid().ToString("N")[..12];
        try
        {
            await using var admin = new NpgsqlConnection(TestEnvironment.Postgres);
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await create.ExecuteNonQueryAsync();
        }
        catch (Exception exception) when (exception is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            throw new InvalidOperationException(
                $"PostgreSQL is not usable at {TestEnvironment.DescribePostgres()} (CERTMESH_POSTGRES): {exception.Message}. " +
                "These tests need the real server: start it with tests/run.sh or deploy/local/infra-up.sh.", exception);
        }
        return (name, new NpgsqlConnectionStringBuilder(TestEnvironment.Postgres) { Database = name }.ConnectionString);
    }

    public static async Task DropAsync(string name)
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(TestEnvironment.Postgres);
        await admin.OpenAsync();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", admin);
                await drop.ExecuteNonQueryAsync();
                return;
            }
            // FORCE cannot terminate an autovacuum worker that happens to be in the database (42501), nor a
            // connection still closing (55006): both are gone a moment later.
            catch (PostgresException e) when (e.SqlState is "42501" or "55006" && attempt < 10)
            {
                await Task.Delay(300);
            }
        }
    }
}
