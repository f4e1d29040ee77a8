using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;
using CertMesh.Hosting.Telemetry;
using CertMesh.Domain.Validation;
using CertMesh.Persistence.Database;
using CertMesh.Persistence.Messaging;
using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CertMesh.Hosting.Outbox;

/// <summary>
/// Publishes committed outbox messages (or sends them, for replies), then deletes their rows. Runs in every service.
/// What this process's commits hand over goes out at once from memory; the poll claims rows whose due time has come
/// (scheduled ones, re-sent ones, and handed-over ones whose lease ran out) with SKIP LOCKED, so replicas share the
/// work. A crash after publishing and before deleting re-publishes with the same MessageId, which the receivers'
/// inboxes drop.
/// </summary>
public sealed partial class OutboxDispatcher(
    NpgsqlDataSource dataSource,
    IBus bus,
    OutboxSignal signal,
    OutboxMetrics metrics,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    const int BatchSize = 256;
    static readonly TimeSpan IdlePoll = TimeSpan.FromMilliseconds(500);
    static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(10);

    /// <summary>How long sent messages' ids gather before their rows go in one DELETE: one write transaction for many.</summary>
    static readonly TimeSpan DeleteEvery = TimeSpan.FromMilliseconds(100);
    const int DeleteBatchSize = 4096;

    readonly Channel<Guid> _sent = Channel.CreateUnbounded<Guid>(new UnboundedChannelOptions { SingleReader = true });

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(HandOverAsync(signal.AcceptHandover(), stoppingToken), DeleteSentAsync(stoppingToken), PollAsync(stoppingToken));

    /// <summary>
    /// Sends what this process's commits hand over, straight from memory; their (leased) rows are deleted by
    /// <see cref="DeleteSentAsync"/>. A message that fails stays in its row, which the poll sends once the lease is over.
    /// </summary>
    async Task HandOverAsync(ChannelReader<CommittedMessage> handover, CancellationToken stoppingToken)
    {
        var batch = new List<CommittedMessage>(BatchSize);
        try
        {
            while (await handover.WaitToReadAsync(stoppingToken))
            {
                while (batch.Count < BatchSize && handover.TryRead(out var message))
                    batch.Add(message);
                var outcomes = await Task.WhenAll(batch.Select(message => DeliverAsync(message, stoppingToken)));
                foreach (var (message, outcome) in batch.Zip(outcomes))
                {
                    if (outcome is Delivery.Published or Delivery.Refused)
                        _sent.Writer.TryWrite(message.MessageId);
                }
                batch.Clear();
                metrics.Published(outcomes.Count(o => o == Delivery.Published));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// Deletes the rows of handed-over messages once sent, gathered for <see cref="DeleteEvery"/> so that one statement
    /// (one commit) covers many. A row not deleted (the database is down, or the process dies first) is sent again by
    /// the poll after its lease, and the receivers drop the copy by its MessageId.
    /// </summary>
    async Task DeleteSentAsync(CancellationToken stoppingToken)
    {
        var ids = new List<Guid>(DeleteBatchSize);
        try
        {
            while (await _sent.Reader.WaitToReadAsync(stoppingToken))
            {
                await Task.Delay(DeleteEvery, stoppingToken);
                while (ids.Count < DeleteBatchSize && _sent.Reader.TryRead(out var id))
                    ids.Add(id);
                await DeleteAsync(ids, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what was sent is deleted now rather than sent again by another replica's poll.
            while (_sent.Reader.TryRead(out var id))
                ids.Add(id);
            using var last = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await DeleteAsync(ids, last.Token);
        }
    }

    async Task DeleteAsync(List<Guid> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
            return;
        try
        {
            // Only rows still leased: one a redelivery made due again (Inbox.ResendOwedAsync) is owed another send, by the poll.
            await using var delete = dataSource.CreateCommand("DELETE FROM outbox WHERE message_id = ANY(@ids) AND due_at > now()");
            delete.Parameters.AddWithValue("ids", ids.ToArray());
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (Exception exception)
        {
            // The rows stay for the poll. Cut short while stopping, that is expected and not worth a warning.
            if (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                LogDeliveryFailed(exception);
        }
        ids.Clear();
    }

    async Task PollAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            int delivered;
            try
            {
                delivered = await DeliverBatchAsync(stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                LogDeliveryFailed(exception);
                delivered = 0;
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
            if (delivered < BatchSize)
                await signal.WaitAsync(IdlePoll, stoppingToken);
        }
    }

    async Task<int> DeliverBatchAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var rows = new List<OutboxRow>();
        await using (var select = new NpgsqlCommand("""
            SELECT id, message_id, message_type, body, destination, request_id, conversation_id, initiator_id, trace_parent, trace_state
            FROM outbox WHERE due_at <= now() ORDER BY id LIMIT @limit FOR UPDATE SKIP LOCKED
            """, connection, transaction))
        {
            select.Parameters.AddWithValue("limit", BatchSize);
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(new OutboxRow(reader.GetInt64(0), reader.GetGuid(1), reader.GetString(2), reader.GetFieldValue<JsonDocument>(3),
                    reader.IsDBNull(4) ? null : reader.GetString(4),
                    reader.IsDBNull(5) ? null : reader.GetGuid(5),
                    reader.IsDBNull(6) ? null : reader.GetGuid(6),
                    reader.IsDBNull(7) ? null : reader.GetGuid(7),
                    reader.IsDBNull(8) ? null : reader.GetString(8),
                    reader.IsDBNull(9) ? null : reader.GetString(9)));
            }
        }
        if (rows.Count == 0)
            return 0;

        var outcomes = await Task.WhenAll(rows.Select(row => DeliverAsync(row, cancellationToken)));

        long[] Of(Delivery outcome) => outcomes.Where(o => o.Outcome == outcome).Select(o => o.Id).ToArray();
        var delivered = Of(Delivery.Published);
        await using (var settle = new NpgsqlBatch(connection, transaction))
        {
            // Only the statements with rows to settle go out: usually just the first one.
            void Settle(string sql, long[] ids)
            {
                if (ids.Length > 0)
                    settle.BatchCommands.Add(new NpgsqlBatchCommand(sql) { Parameters = { new("ids", ids) } });
            }
            // Sent, or a reply to an address off this broker that must never be sent: done with.
            Settle("DELETE FROM outbox WHERE id = ANY(@ids)", [.. delivered, .. Of(Delivery.Refused)]);
            // A row that can no longer be read (a contract renamed or removed) must not hold up the others:
            // it is parked an hour ahead, visible to an operator, instead of failing the whole batch forever.
            Settle("UPDATE outbox SET due_at = now() + interval '1 hour' WHERE id = ANY(@ids)", Of(Delivery.Unreadable));
            // A row that failed steps aside for a while (0.5 s, doubling up to 10 s), so rows that keep failing (a
            // reply to an exchange the broker refuses) never stall the others; a reply nobody could take for an
            // hour is dropped, its caller long gone. Events are kept until they go out.
            var failed = Of(Delivery.Failed);
            Settle("""
                UPDATE outbox SET attempts = attempts + 1,
                    due_at = now() + least(interval '500 milliseconds' * power(2, least(attempts, 10)), interval '10 seconds')
                WHERE id = ANY(@ids)
                """, failed);
            Settle("DELETE FROM outbox WHERE id = ANY(@ids) AND destination IS NOT NULL AND created_at < now() - interval '1 hour'", failed);
            if (settle.BatchCommands.Count > 0)
                await settle.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        metrics.Published(delivered.Length);
        foreach (var row in rows)
            row.Body.Dispose();
        // Only what went out counts: while the broker is down the loop waits instead of spinning.
        return delivered.Length;
    }

    async Task<(long Id, Delivery Outcome)> DeliverAsync(OutboxRow row, CancellationToken cancellationToken)
    {
        CommittedMessage message;
        try
        {
            var type = MessageTypeName.Resolve(row.Type);
            message = new CommittedMessage(row.MessageId, row.Body.Deserialize(type, Json.Options)!, type, row.Destination, row.RequestId, row.ConversationId,
                row.InitiatorId, row.TraceParent, row.TraceState);
        }
        catch (Exception exception) when (exception is TypeLoadException or FileNotFoundException or JsonException or NotSupportedException)
        {
            LogUnreadable(exception, row.Id, row.Type);
            return (row.Id, Delivery.Unreadable);
        }
        return (row.Id, await DeliverAsync(message, cancellationToken));
    }

    async Task<Delivery> DeliverAsync(CommittedMessage message, CancellationToken cancellationToken)
    {
        // A publish caught by a broker crash can wait for a confirm that never comes; abandoned after the timeout, the
        // row stays and goes out again on a later pass (receivers drop the copy by its MessageId).
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(PublishTimeout);
        // The writer's trace goes on here: MassTransit's send span is this one's child and puts its context in the headers.
        using var span = StartSpan(message);
        try
        {
            if (message.Destination is { } destination)
            {
                // A reply: to the requester's response address, under the request's id, as RespondAsync would.
                if (!Uri.TryCreate(destination, UriKind.Absolute, out var address) || !ReplyDestination.IsOnThisBroker(address, bus.Address))
                {
                    LogRefused(message.MessageId, ValueExcerpt.Quote(destination));
                    return Delivery.Refused;
                }
                var endpoint = await bus.GetSendEndpoint(address).WaitAsync(timeout.Token);
                await endpoint.Send(message.Message, message.Type, context => Stamp(context, message), timeout.Token).WaitAsync(timeout.Token);
            }
            else
            {
                await bus.Publish(message.Message, message.Type, context => Stamp(context, message), timeout.Token).WaitAsync(timeout.Token);
            }
            return Delivery.Published;
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            // The broker is unreachable or refused it: the row stays and goes out on a later pass.
            span?.SetStatus(ActivityStatusCode.Error, exception.Message);
            LogPublishFailed(exception, message.MessageId);
            return Delivery.Failed;
        }
    }

    /// <summary>The headers the consumer's own publish or respond would have set: the same id on every re-send.</summary>
    static void Stamp(SendContext context, CommittedMessage message)
    {
        context.MessageId = message.MessageId;
        context.RequestId = message.RequestId;
        context.ConversationId = message.ConversationId ?? context.ConversationId;
        context.InitiatorId = message.InitiatorId;
    }

    /// <summary>
    /// A producer span under the context the row was written in (a row written outside any span, or before the column
    /// existed, starts a trace of its own here). Made with no Activity.Current: the dispatcher's loop runs under none.
    /// </summary>
    static Activity? StartSpan(CommittedMessage message)
    {
        ActivityContext.TryParse(message.TraceParent, message.TraceState, isRemote: true, out var parent);
        return CertMeshActivities.Source.StartActivity(message.Destination is null ? "outbox publish" : "outbox send", ActivityKind.Producer, parent);
    }

    sealed record OutboxRow(long Id, Guid MessageId, string Type, JsonDocument Body, string? Destination, Guid? RequestId, Guid? ConversationId, Guid? InitiatorId,
        string? TraceParent, string? TraceState);

    enum Delivery
    {
        Published,
        Failed,
        Unreadable,
        Refused,
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox row {Id} of type {Type} cannot be read; parked for an hour")]
    partial void LogUnreadable(Exception exception, long id, string type);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {MessageId} is a reply to {Destination}, which is not on this service's broker; it is dropped")]
    partial void LogRefused(Guid messageId, string destination);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing outbox message {MessageId} failed; it is retried")]
    partial void LogPublishFailed(Exception exception, Guid messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox delivery failed; rows stay and are retried")]
    partial void LogDeliveryFailed(Exception exception);
}
