using System.Diagnostics;
using System.Text.Json;
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
/// Publishes committed outbox rows whose due time has come (or sends them, for replies), then deletes them. Runs in every service; rows are
/// claimed with SKIP LOCKED so replicas share the work. A crash after publishing and before deleting re-publishes
/// with the same MessageId, which the receivers' inboxes drop.
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

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
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
            // Sent, or a reply to an address off this broker that must never be sent: done with.
            settle.BatchCommands.Add(new NpgsqlBatchCommand("DELETE FROM outbox WHERE id = ANY(@ids)") { Parameters = { new("ids", delivered.Concat(Of(Delivery.Refused)).ToArray()) } });
            // A row that can no longer be read (a contract renamed or removed) must not hold up the others:
            // it is parked an hour ahead, visible to an operator, instead of failing the whole batch forever.
            settle.BatchCommands.Add(new NpgsqlBatchCommand("UPDATE outbox SET due_at = now() + interval '1 hour' WHERE id = ANY(@ids)") { Parameters = { new("ids", Of(Delivery.Unreadable)) } });
            // A row that failed steps aside for a while (0.5 s, doubling up to 10 s), so rows that keep failing (a
            // reply to an exchange the broker refuses) never stall the others; a reply nobody could take for an
            // hour is dropped, its caller long gone. Events are kept until they go out.
            settle.BatchCommands.Add(new NpgsqlBatchCommand("""
                UPDATE outbox SET attempts = attempts + 1,
                    due_at = now() + least(interval '500 milliseconds' * power(2, least(attempts, 10)), interval '10 seconds')
                WHERE id = ANY(@ids)
                """) { Parameters = { new("ids", Of(Delivery.Failed)) } });
            settle.BatchCommands.Add(new NpgsqlBatchCommand(
                "DELETE FROM outbox WHERE id = ANY(@ids) AND destination IS NOT NULL AND created_at < now() - interval '1 hour'")
                { Parameters = { new("ids", Of(Delivery.Failed)) } });
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
        object message;
        Type type;
        try
        {
            type = MessageTypeName.Resolve(row.Type);
            message = row.Body.Deserialize(type, Json.Options)!;
        }
        catch (Exception exception) when (exception is TypeLoadException or FileNotFoundException or JsonException or NotSupportedException)
        {
            LogUnreadable(exception, row.Id, row.Type);
            return (row.Id, Delivery.Unreadable);
        }
        // A publish caught by a broker crash can wait for a confirm that never comes; abandoned after the timeout, the
        // row stays and goes out again on a later pass (receivers drop the copy by its MessageId).
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(PublishTimeout);
        // The writer's trace goes on here: MassTransit's send span is this one's child and puts its context in the headers.
        using var span = StartSpan(row);
        try
        {
            if (row.Destination is { } destination)
            {
                // A reply: to the requester's response address, under the request's id, as RespondAsync would.
                if (!Uri.TryCreate(destination, UriKind.Absolute, out var address) || !ReplyDestination.IsOnThisBroker(address, bus.Address))
                {
                    LogRefused(row.Id, ValueExcerpt.Quote(destination));
                    return (row.Id, Delivery.Refused);
                }
                var endpoint = await bus.GetSendEndpoint(address).WaitAsync(timeout.Token);
                await endpoint.Send(message, type, context => row.Stamp(context), timeout.Token).WaitAsync(timeout.Token);
            }
            else
            {
                await bus.Publish(message, type, context => row.Stamp(context), timeout.Token).WaitAsync(timeout.Token);
            }
            return (row.Id, Delivery.Published);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            // The broker is unreachable or refused it: the row stays and goes out on a later pass.
            span?.SetStatus(ActivityStatusCode.Error, exception.Message);
            LogPublishFailed(exception, row.Id);
            return (row.Id, Delivery.Failed);
        }
    }

    /// <summary>
    /// A producer span under the context the row was written in (a row written outside any span, or before the column
    /// existed, starts a trace of its own here). Made with no Activity.Current: the dispatcher's loop runs under none.
    /// </summary>
    static Activity? StartSpan(OutboxRow row)
    {
        ActivityContext.TryParse(row.TraceParent, row.TraceState, isRemote: true, out var parent);
        return CertMeshActivities.Source.StartActivity(row.Destination is null ? "outbox publish" : "outbox send", ActivityKind.Producer, parent);
    }

    sealed record OutboxRow(long Id, Guid MessageId, string Type, JsonDocument Body, string? Destination, Guid? RequestId, Guid? ConversationId, Guid? InitiatorId,
        string? TraceParent, string? TraceState)
    {
        /// <summary>The headers the consumer's own publish or respond would have set: the same id on every re-send.</summary>
        public void Stamp(SendContext context)
        {
            context.MessageId = MessageId;
            context.RequestId = RequestId;
            context.ConversationId = ConversationId ?? context.ConversationId;
            context.InitiatorId = InitiatorId;
        }
    }

    enum Delivery
    {
        Published,
        Failed,
        Unreadable,
        Refused,
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox row {Id} of type {Type} cannot be read; parked for an hour")]
    partial void LogUnreadable(Exception exception, long id, string type);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox row {Id} is a reply to {Destination}, which is not on this service's broker; it is dropped")]
    partial void LogRefused(long id, string destination);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing outbox row {Id} failed; it is retried")]
    partial void LogPublishFailed(Exception exception, long id);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox delivery failed; rows stay and are retried")]
    partial void LogDeliveryFailed(Exception exception);
}
