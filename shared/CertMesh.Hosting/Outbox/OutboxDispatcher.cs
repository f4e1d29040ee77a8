using System.Text.Json;
using CertMesh.Persistence.Database;
using CertMesh.Persistence.Messaging;
using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CertMesh.Hosting.Outbox;

/// <summary>
/// Publishes committed outbox rows whose due time has come, then deletes them. Runs in every service; rows are
/// claimed with SKIP LOCKED so replicas share the work. A crash after publishing and before deleting re-publishes
/// with the same MessageId, which the receivers' inboxes drop.
/// </summary>
public sealed partial class OutboxDispatcher(
    NpgsqlDataSource dataSource,
    IBus bus,
    OutboxSignal signal,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    const int BatchSize = 256;
    static readonly TimeSpan IdlePoll = TimeSpan.FromMilliseconds(500);

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
        var rows = new List<(long Id, Guid MessageId, string Type, JsonDocument Body)>();
        await using (var select = new NpgsqlCommand(
            "SELECT id, message_id, message_type, body FROM outbox WHERE due_at <= now() ORDER BY id LIMIT @limit FOR UPDATE SKIP LOCKED",
            connection, transaction))
        {
            select.Parameters.AddWithValue("limit", BatchSize);
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
                rows.Add((reader.GetInt64(0), reader.GetGuid(1), reader.GetString(2), reader.GetFieldValue<JsonDocument>(3)));
        }
        if (rows.Count == 0)
            return 0;

        await Task.WhenAll(rows.Select(row => PublishAsync(row.MessageId, row.Type, row.Body, cancellationToken)));

        await using (var delete = new NpgsqlCommand("DELETE FROM outbox WHERE id = ANY(@ids)", connection, transaction))
        {
            delete.Parameters.AddWithValue("ids", rows.Select(r => r.Id).ToArray());
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        foreach (var row in rows)
            row.Body.Dispose();
        return rows.Count;
    }

    async Task PublishAsync(Guid messageId, string typeName, JsonDocument body, CancellationToken cancellationToken)
    {
        var type = MessageTypeName.Resolve(typeName);
        var message = body.Deserialize(type, Json.Options)!;
        await bus.Publish(message, type, context => context.MessageId = messageId, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox delivery failed; rows stay and are retried")]
    partial void LogDeliveryFailed(Exception exception);
}
