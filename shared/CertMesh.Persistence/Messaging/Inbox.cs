using CertMesh.Persistence.Database;
using Npgsql;

namespace CertMesh.Persistence.Messaging;

/// <summary>
/// Remembers which messages a consumer has already applied, and what each one was owed (the events and replies its
/// handling wrote to the outbox). A redelivery finds its mark, is not applied again, and has those sent again.
/// </summary>
public sealed class Inbox(UnitOfWork unit)
{
    internal InboxMark? Mark { get; private set; }

    /// <summary>
    /// Takes the mark at the commit instead of now: written in the commit's batch, with what the message is owed, by a
    /// plain insert — so if another handling of the same message committed first, the commit fails on the inbox's key
    /// and nothing this unit wrote stands. Saves a statement and a round trip per message.
    /// </summary>
    public void MarkAtCommit(string consumer, Guid messageId) => Mark = new InboxMark(consumer, messageId, Written: false);

    /// <summary>The mark taken at commit, for a unit whose outbox wrote nothing (which would have written it).</summary>
    internal NpgsqlBatchCommand? TakeMarkCommand()
    {
        if (Mark is not { Written: false } mark)
            return null;
        var command = new NpgsqlBatchCommand("INSERT INTO inbox (consumer, message_id) VALUES (@consumer, @message_id)");
        command.Parameters.AddWithValue("consumer", mark.Consumer);
        command.Parameters.AddWithValue("message_id", mark.MessageId);
        return command;
    }

    /// <returns>false when <paramref name="messageId"/> was already processed by <paramref name="consumer"/>.</returns>
    public async Task<bool> TryAcceptAsync(string consumer, Guid messageId, CancellationToken cancellationToken)
    {
        // A concurrent delivery of the same message waits here on the uncommitted row, then sees it.
        await using var command = unit.Command(
            "INSERT INTO inbox (consumer, message_id) VALUES (@consumer, @id) ON CONFLICT DO NOTHING");
        command.Parameters.AddWithValue("consumer", consumer);
        command.Parameters.AddWithValue("id", messageId);
        if (await command.ExecuteNonQueryAsync(cancellationToken) != 1)
            return false;
        Mark = new InboxMark(consumer, messageId, Written: true);
        return true;
    }

    /// <summary>
    /// Puts what <paramref name="messageId"/> was owed back into the outbox, with the same message ids (receivers
    /// that already have them drop them) and the same reply addresses. Scheduled ones keep their time if still ahead.
    /// They keep the trace of the handling that first wrote them too: the redelivery is part of the same issuance.
    /// </summary>
    /// <returns>
    /// how many rows went back. A row still in the outbox is not doubled but made due now (a scheduled one keeps its
    /// time): it may be one the dispatcher already sent from memory and holds leased until it deletes it, and the
    /// dispatcher deletes only rows still leased, so the poll sends it again.
    /// </returns>
    public async Task<int> ResendOwedAsync(string consumer, Guid messageId, CancellationToken cancellationToken)
    {
        await using var command = unit.Command("""
            INSERT INTO outbox (message_id, message_type, body, due_at, destination, request_id, conversation_id, initiator_id, trace_parent, trace_state)
            SELECT o.message_id, o.message_type, o.body, GREATEST(o.due_at, now()), o.destination, o.request_id, o.conversation_id, o.initiator_id,
                o.trace_parent, o.trace_state
            FROM inbox i
            CROSS JOIN LATERAL jsonb_to_recordset(i.owed) AS o(message_id uuid, message_type text, body jsonb, due_at timestamptz,
                destination text, request_id uuid, conversation_id uuid, initiator_id uuid, trace_parent text, trace_state text)
            WHERE i.consumer = @consumer AND i.message_id = @id AND i.owed IS NOT NULL
            ON CONFLICT (message_id) DO UPDATE SET due_at = LEAST(outbox.due_at, EXCLUDED.due_at)
            """);
        command.Parameters.AddWithValue("consumer", consumer);
        command.Parameters.AddWithValue("id", messageId);
        var requeued = await command.ExecuteNonQueryAsync(cancellationToken);
        unit.Outbox.Requeued(requeued);
        return requeued;
    }
}
