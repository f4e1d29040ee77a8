using CertMesh.Persistence.Messaging;
using CertMesh.Persistence.Secrets;
using Npgsql;

namespace CertMesh.Persistence.Database;

/// <summary>Entry point to the state: opens units of work (one transaction each) over a pooled data source.</summary>
public sealed class CertMeshDatabase(NpgsqlDataSource dataSource, SecretCipher cipher, OutboxSignal signal, TimeProvider time)
{
    public NpgsqlDataSource DataSource => dataSource;
    public TimeProvider Time => time;

    public async Task<UnitOfWork> BeginAsync(CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken);
            return new UnitOfWork(connection, transaction, cipher, signal, time);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs <paramref name="work"/> in its own transaction and commits it; for reads and small writes.</summary>
    public async Task<T> RunAsync<T>(Func<UnitOfWork, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var unit = await BeginAsync(cancellationToken);
        var result = await work(unit);
        await unit.CommitAsync(cancellationToken);
        return result;
    }
}
