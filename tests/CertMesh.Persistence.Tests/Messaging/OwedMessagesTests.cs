using System.Diagnostics;
using CertMesh.Persistence.Messaging;
using CertMesh.Persistence.Tests.Support;

namespace CertMesh.Persistence.Tests.Messaging;

/// <summary>
/// What a handled message is owed — the events and the reply its handling wrote — is recorded on its inbox mark in
/// the same commit, and a redelivery puts exactly that back into the outbox instead of returning silently.
/// </summary>
public sealed class OwedMessagesTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    const string Consumer = "tests:owed";
    readonly TestDatabase _db = fixture.Db;
    static CancellationToken None => CancellationToken.None;

    static IncomingMessage Request() =>
        new(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), new Uri("rabbitmq://127.0.0.1/certmesh-test/caller-response-queue?temporary=true"));

    [Fact]
    public async Task BeginOnceAsync_FirstDelivery_RecordsEventAndReplyOnTheInboxMark()
    {
        var incoming = Request();

        await HandleAsync(incoming, "first");

        Assert.Equal(2, await _db.ScalarAsync<int>(
            "SELECT jsonb_array_length(owed) FROM inbox WHERE consumer = @c AND message_id = @m", ("c", Consumer), ("m", incoming.MessageId)));
        var reply = await RowAsync(incoming, destination: true);
        Assert.Equal(incoming.ResponseAddress!.ToString(), reply.Destination);
        Assert.Equal(incoming.RequestId, reply.RequestId);
        Assert.Equal(incoming.ConversationId, reply.ConversationId);
        Assert.Equal(incoming.MessageId, reply.InitiatorId);
        var published = await RowAsync(incoming, destination: false);
        Assert.Null(published.RequestId);
        Assert.Equal(incoming.ConversationId, published.ConversationId);
    }

    [Fact]
    public async Task BeginOnceAsync_RedeliveryAfterDelivery_PutsTheSameMessagesBackAndSkipsTheHandler()
    {
        var incoming = Request();
        await HandleAsync(incoming, "first");
        var written = await IdsAsync(incoming);
        await _db.ExecuteAsync("DELETE FROM outbox WHERE initiator_id = @m", ("m", incoming.MessageId)); // the dispatcher delivered them

        await using var again = await _db.Database.BeginOnceAsync(Consumer, incoming, None);

        Assert.Null(again);
        Assert.Equal(written, await IdsAsync(incoming));
        var reply = await RowAsync(incoming, destination: true);
        Assert.Equal(incoming.RequestId, reply.RequestId);
        Assert.Contains("\"first\"", reply.Body);
    }

    [Fact]
    public async Task BeginOnceAsync_RedeliveryAfterDelivery_PutsMessagesBackInTheTraceOfTheFirstHandling()
    {
        var incoming = Request();
        string traceParent;
        using (var handling = new Activity("consume").SetIdFormat(ActivityIdFormat.W3C).Start())
        {
            handling.TraceStateString = "certmesh=1";
            traceParent = handling.Id!;
            await HandleAsync(incoming, "first");
        }
        Assert.Equal([(traceParent, "certmesh=1"), (traceParent, "certmesh=1")], await TraceContextsAsync(incoming));
        await _db.ExecuteAsync("DELETE FROM outbox WHERE initiator_id = @m", ("m", incoming.MessageId)); // the dispatcher delivered them

        // Redelivered with no span current: the rows put back still continue the first handling's trace.
        await using var again = await _db.Database.BeginOnceAsync(Consumer, incoming, None);

        Assert.Equal([(traceParent, "certmesh=1"), (traceParent, "certmesh=1")], await TraceContextsAsync(incoming));
    }

    [Fact]
    public async Task BeginOnceAsync_HandledOutsideAnySpan_WritesNoTraceContext()
    {
        var incoming = Request();
        Assert.Null(Activity.Current);

        await HandleAsync(incoming, "first");

        Assert.Equal([(null, null), (null, null)], await TraceContextsAsync(incoming));
    }

    [Fact]
    public async Task BeginOnceAsync_RedeliveryBeforeDelivery_DoesNotDoubleTheRows()
    {
        var incoming = Request();
        await HandleAsync(incoming, "first");

        Assert.Null(await _db.Database.BeginOnceAsync(Consumer, incoming, None));

        Assert.Equal(2, (await IdsAsync(incoming)).Length);
    }

    [Fact]
    public async Task BeginOnceAsync_RedeliveryWhileSentRowsStillLeased_MadeDueNowForThePoll()
    {
        var incoming = Request();
        await HandleAsync(incoming, "first");
        // As the dispatcher leaves rows it sent from memory until it deletes them: leased, 15 s ahead.
        await _db.ExecuteAsync("UPDATE outbox SET due_at = now() + interval '15 seconds' WHERE initiator_id = @m", ("m", incoming.MessageId));

        Assert.Null(await _db.Database.BeginOnceAsync(Consumer, incoming, None));

        Assert.Equal(2, (await IdsAsync(incoming)).Length);
        Assert.Equal(0L, await _db.ScalarAsync<long>("SELECT count(*) FROM outbox WHERE initiator_id = @m AND due_at > now()", ("m", incoming.MessageId)));
    }

    [Fact]
    public async Task BeginOnceAsync_RedeliveryOfScheduledMessage_KeepsItsDueTimeAhead()
    {
        var incoming = Request();
        var due = DateTimeOffset.UtcNow.AddHours(1);
        await using (var unit = await _db.Database.BeginOnceAsync(Consumer, incoming, None))
        {
            await unit!.Outbox.ScheduleAsync(new OutboxPing { Id = Guid.NewGuid(), Text = "later" }, due, None);
            await unit.CommitAsync(None);
        }
        await _db.ExecuteAsync("DELETE FROM outbox WHERE initiator_id = @m", ("m", incoming.MessageId));

        Assert.Null(await _db.Database.BeginOnceAsync(Consumer, incoming, None));

        var dueAt = await _db.ScalarAsync<DateTime>("SELECT due_at FROM outbox WHERE initiator_id = @m", ("m", incoming.MessageId));
        Assert.True(Math.Abs((dueAt - due.UtcDateTime).TotalMilliseconds) < 1, $"due {dueAt:O}, expected {due:O}");
    }

    [Fact]
    public async Task BeginOnceAsync_HandledMessageOwedNothing_RedeliveryWritesNothing()
    {
        var incoming = Request();
        await using (var unit = await _db.Database.BeginOnceAsync(Consumer, incoming, None))
            await unit!.CommitAsync(None);

        Assert.Null(await _db.Database.BeginOnceAsync(Consumer, incoming, None));

        Assert.Empty(await IdsAsync(incoming));
    }

    [Fact]
    public async Task BeginOnceAsync_HandlerRolledBack_NothingOwedAndRedeliveryHandledAgain()
    {
        var incoming = Request();
        await using (var unit = await _db.Database.BeginOnceAsync(Consumer, incoming, None))
            await unit!.Outbox.PublishAsync(new OutboxPing { Id = Guid.NewGuid(), Text = "lost with the rollback" }, None);

        await using var again = await _db.Database.BeginOnceAsync(Consumer, incoming, None);

        Assert.NotNull(again);
        Assert.Empty(await IdsAsync(incoming));
    }

    [Fact]
    public async Task RespondAsync_UnitWithoutIncomingMessage_Throws()
    {
        await using var unit = await _db.Database.BeginAsync(None);

        await Assert.ThrowsAsync<InvalidOperationException>(() => unit.Outbox.RespondAsync(new OutboxPing(), None));
    }

    async Task HandleAsync(IncomingMessage incoming, string text)
    {
        await using var unit = await _db.Database.BeginOnceAsync(Consumer, incoming, None);
        Assert.NotNull(unit);
        await unit.Outbox.PublishAsync(new OutboxPing { Id = Guid.NewGuid(), Text = text }, None);
        await unit.Outbox.RespondAsync(new OutboxPing { Id = Guid.NewGuid(), Text = text }, None);
        await unit.CommitAsync(None);
    }

    async Task<List<(string?, string?)>> TraceContextsAsync(IncomingMessage incoming)
    {
        await using var command = _db.DataSource.CreateCommand("SELECT trace_parent, trace_state FROM outbox WHERE initiator_id = @m ORDER BY message_id");
        command.Parameters.AddWithValue("m", incoming.MessageId);
        await using var reader = await command.ExecuteReaderAsync();
        var contexts = new List<(string?, string?)>();
        while (await reader.ReadAsync())
            contexts.Add((reader.IsDBNull(0) ? null : reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1)));
        return contexts;
    }

    async Task<Guid[]> IdsAsync(IncomingMessage incoming) =>
        await _db.ScalarAsync<Guid[]>("SELECT coalesce(array_agg(message_id ORDER BY message_id), '{}') FROM outbox WHERE initiator_id = @m", ("m", incoming.MessageId));

    async Task<(string? Destination, Guid? RequestId, Guid? ConversationId, Guid? InitiatorId, string Body)> RowAsync(IncomingMessage incoming, bool destination)
    {
        await using var command = _db.DataSource.CreateCommand(
            $"SELECT destination, request_id, conversation_id, initiator_id, body::text FROM outbox WHERE initiator_id = @m AND destination IS {(destination ? "NOT " : "")}NULL");
        command.Parameters.AddWithValue("m", incoming.MessageId);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), "no such outbox row");
        return (reader.IsDBNull(0) ? null : reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetGuid(1),
            reader.IsDBNull(2) ? null : reader.GetGuid(2), reader.IsDBNull(3) ? null : reader.GetGuid(3), reader.GetString(4));
    }
}
