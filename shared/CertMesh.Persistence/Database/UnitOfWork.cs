using CertMesh.Persistence.Audit;
using CertMesh.Persistence.Messaging;
using CertMesh.Persistence.Resources;
using CertMesh.Persistence.Secrets;
using Npgsql;

namespace CertMesh.Persistence.Database;

/// <summary>
/// One transaction: resource changes, events, secrets, inbox marks and outgoing messages commit together or
/// not at all. That is what makes every consumer idempotent and a kill -9 lose nothing.
/// </summary>
public sealed class UnitOfWork : IAsyncDisposable
{
    readonly OutboxSignal _signal;
    List<Action>? _afterCommit;
    bool _completed;

    internal UnitOfWork(NpgsqlConnection connection, NpgsqlTransaction transaction, SecretCipher cipher, OutboxSignal signal, TimeProvider time)
    {
        Connection = connection;
        Transaction = transaction;
        _signal = signal;
        Time = time;
        Resources = new ResourceStore(this);
        Events = new EventLog(this);
        Audit = new UnitAudit(this);
        Secrets = new SecretStore(this, cipher);
        Outbox = new Outbox(() => Incoming, time);
        Inbox = new Inbox(this);
    }

    /// <summary>The message this unit handles, if any: the outbox continues its conversation and sends its replies.</summary>
    public IncomingMessage? Incoming { get; internal set; }

    /// <summary>True once the transaction has been committed (or its commit attempted).</summary>
    public bool Completed => _completed;

    public NpgsqlConnection Connection { get; }
    public NpgsqlTransaction Transaction { get; }
    public TimeProvider Time { get; }
    public ResourceStore Resources { get; }
    public EventLog Events { get; }
    public UnitAudit Audit { get; }
    public SecretStore Secrets { get; }
    public Outbox Outbox { get; }
    public Inbox Inbox { get; }

    public NpgsqlCommand Command(string sql)
    {
        return new NpgsqlCommand(sql, Connection, Transaction);
    }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        // COMMIT ends the transaction even when it fails (the server rolls it back), so DisposeAsync must not
        // roll back after it: that throws "transaction has completed" and hides the commit's own error.
        _completed = true;
        await FlushAndCommitAsync(cancellationToken);
        var handedOver = 0;
        foreach (var message in Outbox.TakeHandover())
        {
            if (_signal.HandOver(message.Committed()))
                handedOver++;
        }
        // Rows due now but not handed over (re-sent ones) are the poll's. A scheduled row waits for a later poll, and
        // one the hand-over refused (full since the flush) is leased: the poll sends it when the lease ends.
        if (Outbox.DueNow > handedOver)
            _signal.Notify();
        foreach (var action in _afterCommit ?? [])
        {
            // The commit stands: a failing hook must neither skip the others nor make the message look failed.
            try { action(); }
            catch (Exception) { }
        }
    }

    /// <summary>
    /// Runs <paramref name="action"/> once the transaction has committed (never if it does not), e.g. to wake a worker
    /// that must find the committed rows. Keep it small: the commit already happened, a failure here changes nothing.
    /// </summary>
    public void AfterCommit(Action action) => (_afterCommit ??= []).Add(action);

    /// <summary>
    /// Events, audit lines, outbox rows and an inbox mark taken at commit go to the server with the COMMIT, in one round
    /// trip (the outbox's statement writes the mark with what the message is owed; without outgoing messages the mark
    /// goes alone). A failing write stops the batch before the COMMIT and leaves the transaction for DisposeAsync to
    /// roll back; the server ends it when the COMMIT itself fails.
    /// </summary>
    async Task FlushAndCommitAsync(CancellationToken cancellationToken)
    {
        var outbox = Outbox.TakeFlushCommand(Inbox.Mark, _signal.TakesHandover);
        var commands = new[] { Events.TakeFlushCommand(), Audit.TakeFlushCommand(), outbox ?? Inbox.TakeMarkCommand() }.OfType<NpgsqlBatchCommand>().ToList();
        if (commands.Count == 0)
        {
            await Transaction.CommitAsync(cancellationToken);
            return;
        }
        await using var batch = new NpgsqlBatch(Connection, Transaction);
        foreach (var command in commands)
            batch.BatchCommands.Add(command);
        var commit = new NpgsqlBatchCommand("COMMIT");
        batch.BatchCommands.Add(commit);
        try
        {
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (Exception exception)
        {
            // Unless the COMMIT itself failed, the transaction is still open (and failed): DisposeAsync rolls it back.
            if (exception is not PostgresException { BatchCommand: var failed } || failed != commit)
                _completed = false;
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_completed)
        {
            try { await Transaction.RollbackAsync(); }
            catch (Exception) when (!Connection.State.HasFlag(System.Data.ConnectionState.Open)) { }
            // A batch that failed in a way that ended the transaction after all: nothing is left to roll back, and the
            // batch's own error is the one to report.
            catch (InvalidOperationException) { }
        }
        await Transaction.DisposeAsync();
        await Connection.DisposeAsync();
    }
}
