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

    /// <summary>
    /// A unit of work for handling <paramref name="incoming"/> once per <paramref name="consumer"/>: the inbox mark is
    /// taken first, in the same transaction as everything the handler writes. A message already handled (a redelivery)
    /// gets no unit; what it was owed is put back into the outbox instead, and committed, so every reply and event it
    /// caused goes out again rather than being dropped.
    /// </summary>
    /// <returns>the unit, or null when the message was already handled by <paramref name="consumer"/>.</returns>
    public async Task<UnitOfWork?> BeginOnceAsync(string consumer, IncomingMessage? incoming, CancellationToken cancellationToken)
    {
        var unit = await BeginAsync(cancellationToken);
        try
        {
            unit.Incoming = incoming;
            if (incoming is null || await unit.Inbox.TryAcceptAsync(consumer, incoming.MessageId, cancellationToken))
                return unit;
            await unit.Inbox.ResendOwedAsync(consumer, incoming.MessageId, cancellationToken);
            await unit.CommitAsync(cancellationToken);
        }
        catch
        {
            await unit.DisposeAsync();
            throw;
        }
        await unit.DisposeAsync();
        return null;
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
