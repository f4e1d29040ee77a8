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

    /// <summary>
    /// Handles <paramref name="incoming"/> once per <paramref name="consumer"/>: <paramref name="handle"/> runs in a unit
    /// of work that commits with the message's inbox mark, or not at all. A first delivery takes the mark with the
    /// commit (<see cref="Inbox.MarkAtCommit"/>: one statement and round trip fewer); should the message turn out to be
    /// handled already — a copy the outbox sent twice, or one handled at the same moment elsewhere — the commit fails on
    /// the mark, the unit rolls back, and what the message was owed is sent again, as for a redelivery; so does any
    /// failure of a handler that met state its first handling had moved on. A redelivered message was most likely
    /// handled already (the process died between commit and acknowledgement): its mark is looked for first, and the
    /// handler does not run at all when it is found (<see cref="BeginOnceAsync"/>).
    /// </summary>
    public async Task HandleOnceAsync(string consumer, IncomingMessage? incoming, Func<UnitOfWork, Task> handle, CancellationToken cancellationToken)
    {
        if (incoming is null || incoming.Redelivered)
        {
            await using var checkedFirst = await BeginOnceAsync(consumer, incoming, cancellationToken);
            if (checkedFirst is not null)
                await HandleAndCommitAsync(checkedFirst, handle, cancellationToken);
            return;
        }
        try
        {
            await using var unit = await BeginAsync(cancellationToken);
            unit.Incoming = incoming;
            unit.Inbox.MarkAtCommit(consumer, incoming.MessageId);
            await HandleAndCommitAsync(unit, handle, cancellationToken);
        }
        catch (Exception)
        {
            // The unit is rolled back (disposed) by now, so a handling that raced this one has committed or not.
            if (!await ResendIfHandledAsync(consumer, incoming, cancellationToken))
                throw;
        }
    }

    static async Task HandleAndCommitAsync(UnitOfWork unit, Func<UnitOfWork, Task> handle, CancellationToken cancellationToken)
    {
        await handle(unit);
        if (!unit.Completed)
            await unit.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Sends again what <paramref name="incoming"/> was owed, if it was handled (as for a redelivery); false when it was
    /// not — the mark <see cref="BeginOnceAsync"/> then took is rolled back with its unit — or that cannot be told.
    /// </summary>
    async Task<bool> ResendIfHandledAsync(string consumer, IncomingMessage incoming, CancellationToken cancellationToken)
    {
        try
        {
            await using var notHandled = await BeginOnceAsync(consumer, incoming, cancellationToken);
            return notHandled is null;
        }
        catch (Exception)
        {
            // The database is unreachable, say: the handler's own error is the one to report and retry on.
            return false;
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
