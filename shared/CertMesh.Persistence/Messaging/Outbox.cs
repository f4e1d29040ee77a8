using System.Diagnostics;
using System.Text.Json;
using CertMesh.Persistence.Database;
using Npgsql;
using NpgsqlTypes;

namespace CertMesh.Persistence.Messaging;

/// <summary>
/// Messages to publish, or replies to send, once the surrounding transaction commits. They are collected and
/// written in one statement at commit. A due time turns a row into a scheduled message (the RabbitMQ here has no
/// delayed-message plugin, so PostgreSQL keeps the clock). Messages written while a message is handled continue its
/// conversation, and are recorded on its inbox mark as what that message is owed, so a redelivery can send them again.
/// </summary>
public sealed class Outbox
{
    readonly List<OutgoingMessage> _pending = [];
    readonly List<OutgoingMessage> _handover = [];
    readonly Func<IncomingMessage?> _incoming;
    readonly TimeProvider _time;

    internal Outbox(Func<IncomingMessage?> incoming, TimeProvider time)
    {
        _incoming = incoming;
        _time = time;
    }

    /// <summary>Rows written to go out at once: what the dispatcher must be told of (a scheduled one waits for its poll).</summary>
    internal int DueNow { get; private set; }

    public Task PublishAsync<T>(T message, CancellationToken cancellationToken) where T : class =>
        ScheduleAsync(message, null, cancellationToken);

    public Task ScheduleAsync<T>(T message, DateTimeOffset? dueAt, CancellationToken cancellationToken) where T : class
    {
        Add(message, dueAt, destination: null, reply: false);
        return Task.CompletedTask;
    }

    /// <summary>
    /// The answer to the request being handled, sent to its response address after the commit — or published, as
    /// MassTransit's <c>RespondAsync</c> does, when the message was not a request.
    /// </summary>
    public Task RespondAsync<T>(T message, CancellationToken cancellationToken) where T : class
    {
        var incoming = _incoming() ?? throw new InvalidOperationException("RespondAsync needs the message being handled; this unit of work handles none");
        Add(message, null, incoming.ResponseAddress, reply: true);
        return Task.CompletedTask;
    }

    void Add<T>(T message, DateTimeOffset? dueAt, Uri? destination, bool reply) where T : class
    {
        var incoming = _incoming();
        // The span handling the message (or the Api request, or the sweep) that wrote this one; its Id is the W3C
        // traceparent, made once per span and cached by it.
        var span = Activity.Current;
        _pending.Add(new OutgoingMessage(
            message,
            typeof(T),
            Guid.CreateVersion7(),
            MessageTypeName.Of(typeof(T)),
            JsonSerializer.Serialize(message, Json.Options),
            dueAt?.UtcDateTime,
            destination?.ToString(),
            reply ? incoming?.RequestId : null,
            incoming?.ConversationId,
            incoming?.MessageId,
            span?.IdFormat == ActivityIdFormat.W3C ? span.Id : null,
            span?.TraceStateString));
        if (dueAt is null || dueAt <= _time.GetUtcNow())
            DueNow++;
    }

    /// <summary>A redelivered message's owed rows were put back into the outbox (see <see cref="Inbox.ResendOwedAsync"/>).</summary>
    internal void Requeued(int count) => DueNow += count;

    /// <summary>
    /// The pending messages as one statement for the commit batch, or null when there are none. With an inbox mark,
    /// the same statement records them on it as what the handled message is owed: on the row taken before the handler
    /// ran, or in the row it writes (a mark taken at commit, see <see cref="Inbox.MarkAtCommit"/>). With <paramref name="handover"/>,
    /// the messages due at once are written leased (see <see cref="OutboxSignal"/>) and kept for <see cref="TakeHandover"/>.
    /// </summary>
    internal NpgsqlBatchCommand? TakeFlushCommand(InboxMark? mark, bool handover)
    {
        if (_pending.Count == 0)
            return null;
        // Rows without a due time take the database's clock, the one the dispatcher compares against (plus the lease
        // when they are handed over). The owed copy keeps the due time the caller asked for.
        var dueNow = handover ? "now() + @lease" : "now()";
        const string Rows = """
            SELECT * FROM unnest(@ids, @types, @bodies, @dues, @destinations, @request_ids, @conversation_ids, @initiator_ids, @trace_parents, @trace_states)
                AS m(message_id, message_type, body, due_at, destination, request_id, conversation_id, initiator_id, trace_parent, trace_state)
            """;
        var insert = $"""
            INSERT INTO outbox (message_id, message_type, body, due_at, destination, request_id, conversation_id, initiator_id, trace_parent, trace_state)
            SELECT message_id, message_type, body, COALESCE(due_at, {dueNow}), destination, request_id, conversation_id, initiator_id, trace_parent, trace_state
            """;
        var command = new NpgsqlBatchCommand(mark switch
        {
            null => $"{insert} FROM ({Rows}) AS m",
            { Written: true } => $"""
               WITH m AS ({Rows}), written AS ({insert} FROM m)
               UPDATE inbox SET owed = (SELECT jsonb_agg(to_jsonb(m)) FROM m) WHERE consumer = @consumer AND message_id = @message_id
               """,
            // A plain insert: a mark already there fails the statement, and with it the commit.
            { Written: false } => $"""
               WITH m AS ({Rows}), written AS ({insert} FROM m)
               INSERT INTO inbox (consumer, message_id, owed) SELECT @consumer, @message_id, jsonb_agg(to_jsonb(m)) FROM m
               """,
        });
        command.Parameters.AddWithValue("ids", _pending.Select(m => m.MessageId).ToArray());
        command.Parameters.AddWithValue("types", _pending.Select(m => m.MessageType).ToArray());
        command.Parameters.AddWithValue("bodies", NpgsqlDbType.Array | NpgsqlDbType.Jsonb, _pending.Select(m => m.Body).ToArray());
        command.Parameters.AddWithValue("dues", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz, _pending.Select(m => m.DueAt).ToArray());
        command.Parameters.AddWithValue("destinations", NpgsqlDbType.Array | NpgsqlDbType.Text, _pending.Select(m => m.Destination).ToArray());
        command.Parameters.AddWithValue("request_ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid, _pending.Select(m => m.RequestId).ToArray());
        command.Parameters.AddWithValue("conversation_ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid, _pending.Select(m => m.ConversationId).ToArray());
        command.Parameters.AddWithValue("initiator_ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid, _pending.Select(m => m.InitiatorId).ToArray());
        command.Parameters.AddWithValue("trace_parents", NpgsqlDbType.Array | NpgsqlDbType.Text, _pending.Select(m => m.TraceParent).ToArray());
        command.Parameters.AddWithValue("trace_states", NpgsqlDbType.Array | NpgsqlDbType.Text, _pending.Select(m => m.TraceState).ToArray());
        if (mark is not null)
        {
            command.Parameters.AddWithValue("consumer", mark.Consumer);
            command.Parameters.AddWithValue("message_id", mark.MessageId);
        }
        if (handover)
        {
            command.Parameters.AddWithValue("lease", OutboxSignal.Lease);
            _handover.AddRange(_pending.Where(m => m.DueAt is null));
        }
        _pending.Clear();
        return command;
    }

    /// <summary>The messages written leased by the last flush, once their transaction has committed.</summary>
    internal List<OutgoingMessage> TakeHandover()
    {
        var taken = _handover.ToList();
        _handover.Clear();
        return taken;
    }
}
