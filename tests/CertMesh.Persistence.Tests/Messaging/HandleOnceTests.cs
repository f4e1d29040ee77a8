using CertMesh.Domain.Resources;
using CertMesh.Persistence.Messaging;
using CertMesh.Persistence.Resources;
using CertMesh.Persistence.Tests.Support;

namespace CertMesh.Persistence.Tests.Messaging;

/// <summary>
/// A first delivery takes its inbox mark with its commit, in the same batch as what it is owed; a copy of a message
/// already handled is refused at that commit (its work rolled back), or a redelivery before any work, and in every
/// case what the first handling was owed goes out again and the handler's own error, if any, is not reported.
/// </summary>
public sealed class HandleOnceTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    const string Consumer = "tests:handle-once";
    readonly TestDatabase _db = fixture.Db;
    static CancellationToken None => CancellationToken.None;

    static IncomingMessage Delivery(bool redelivered = false, Guid? id = null) =>
        new(id ?? Guid.NewGuid(), Guid.NewGuid(), null, null, redelivered);

    [Fact]
    public async Task HandleOnceAsync_FirstDelivery_MarkWrittenWithTheCommitAndWhatItIsOwed()
    {
        var incoming = Delivery();
        var handled = 0;

        await _db.Database.HandleOnceAsync(Consumer, incoming, async unit =>
        {
            handled++;
            // Taken at the commit, not before the handler runs.
            await using var mark = unit.Command("SELECT EXISTS (SELECT 1 FROM inbox WHERE consumer = @c AND message_id = @m)");
            mark.Parameters.AddWithValue("c", Consumer);
            mark.Parameters.AddWithValue("m", incoming.MessageId);
            Assert.Equal(false, await mark.ExecuteScalarAsync(None));
            await unit.Outbox.PublishAsync(new OutboxPing { Id = Guid.NewGuid(), Text = "first" }, None);
        }, None);

        Assert.Equal(1, handled);
        Assert.Equal(1, await OwedCountAsync(incoming));
        Assert.Single(await IdsAsync(incoming));
    }

    [Fact]
    public async Task HandleOnceAsync_FirstDeliveryOwingNothing_MarkWrittenAlone()
    {
        var incoming = Delivery();

        await _db.Database.HandleOnceAsync(Consumer, incoming, _ => Task.CompletedTask, None);

        Assert.Equal(1, await _db.ScalarAsync<long>("SELECT count(*) FROM inbox WHERE consumer = @c AND message_id = @m", ("c", Consumer), ("m", incoming.MessageId)));
        Assert.Equal(0, await OwedCountAsync(incoming));
    }

    [Fact]
    public async Task HandleOnceAsync_CopyOfHandledMessage_ItsWorkRolledBackAndTheFirstOnesOwedSentAgain()
    {
        var incoming = Delivery();
        await HandleAsync(incoming, "first");
        var first = await IdsAsync(incoming);
        await _db.ExecuteAsync("DELETE FROM outbox WHERE initiator_id = @m", ("m", incoming.MessageId)); // the dispatcher delivered them
        var key = new ResourceKey(ResourceKinds.Certificate, "handle-once", incoming.MessageId.ToString("N"));

        // The outbox sent the message twice: the copy is no redelivery, so its handler runs, and its commit is refused.
        await _db.Database.HandleOnceAsync(Consumer, Delivery(id: incoming.MessageId), async unit =>
        {
            await unit.Events.NormalAsync(key, "Copy", "written by the copy's handler", None);
            await unit.Outbox.PublishAsync(new OutboxPing { Id = Guid.NewGuid(), Text = "copy" }, None);
        }, None);

        Assert.Equal(first, await IdsAsync(incoming));
        Assert.Equal(0, await _db.ScalarAsync<long>("SELECT count(*) FROM resource_events WHERE name = @n", ("n", key.Name)));
        Assert.DoesNotContain("copy", await BodiesAsync(incoming));
    }

    [Fact]
    public async Task HandleOnceAsync_CopyWhoseHandlerFailsOnMovedOnState_NotReportedAndOwedSentAgain()
    {
        var incoming = Delivery();
        await HandleAsync(incoming, "first");
        await _db.ExecuteAsync("DELETE FROM outbox WHERE initiator_id = @m", ("m", incoming.MessageId));

        await _db.Database.HandleOnceAsync(Consumer, Delivery(id: incoming.MessageId),
            _ => throw new InvalidOperationException("the state the first handling left does not allow this again"), None);

        Assert.Single(await IdsAsync(incoming));
    }

    [Fact]
    public async Task HandleOnceAsync_HandlerFailsOnFirstDelivery_ErrorReportedAndNothingMarked()
    {
        var incoming = Delivery();

        await Assert.ThrowsAsync<InvalidOperationException>(() => _db.Database.HandleOnceAsync(Consumer, incoming, async unit =>
        {
            await unit.Outbox.PublishAsync(new OutboxPing { Id = Guid.NewGuid(), Text = "lost with the rollback" }, None);
            throw new InvalidOperationException("a real failure");
        }, None));

        Assert.Equal(0, await _db.ScalarAsync<long>("SELECT count(*) FROM inbox WHERE consumer = @c AND message_id = @m", ("c", Consumer), ("m", incoming.MessageId)));
        Assert.Empty(await IdsAsync(incoming));
    }

    [Fact]
    public async Task HandleOnceAsync_RedeliveryOfHandledMessage_HandlerNotRunAndOwedSentAgain()
    {
        var incoming = Delivery();
        await HandleAsync(incoming, "first");
        await _db.ExecuteAsync("DELETE FROM outbox WHERE initiator_id = @m", ("m", incoming.MessageId));
        var handled = 0;

        await _db.Database.HandleOnceAsync(Consumer, Delivery(redelivered: true, id: incoming.MessageId), _ =>
        {
            handled++;
            return Task.CompletedTask;
        }, None);

        Assert.Equal(0, handled);
        Assert.Single(await IdsAsync(incoming));
    }

    [Fact]
    public async Task HandleOnceAsync_RedeliveryOfUnhandledMessage_HandledOnce()
    {
        var incoming = Delivery(redelivered: true);
        var handled = 0;

        await _db.Database.HandleOnceAsync(Consumer, incoming, async unit =>
        {
            handled++;
            await unit.Outbox.PublishAsync(new OutboxPing { Id = Guid.NewGuid(), Text = "after a crash" }, None);
        }, None);

        Assert.Equal(1, handled);
        Assert.Equal(1, await OwedCountAsync(incoming));
    }

    [Fact]
    public async Task HandleOnceAsync_SameMessageHandledTwiceAtOnce_OnlyOneHandlingStands()
    {
        var id = Guid.NewGuid();
        var bothInside = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var inside = 0;
        Task Handle(string text) => _db.Database.HandleOnceAsync(Consumer, Delivery(id: id), async unit =>
        {
            await unit.Outbox.PublishAsync(new OutboxPing { Id = Guid.NewGuid(), Text = text }, None);
            // Both handlers have done their work before either commits: only the inbox key can keep one of them out.
            if (Interlocked.Increment(ref inside) == 2)
                bothInside.TrySetResult();
            await bothInside.Task.WaitAsync(TimeSpan.FromSeconds(10));
        }, None);

        await Task.WhenAll(Handle("one"), Handle("two"));

        var bodies = await BodiesAsync(new IncomingMessage(id, null, null, null));
        Assert.Single(bodies);
        Assert.Equal(1, await OwedCountAsync(new IncomingMessage(id, null, null, null)));
    }

    Task HandleAsync(IncomingMessage incoming, string text) =>
        _db.Database.HandleOnceAsync(Consumer, incoming, unit => unit.Outbox.PublishAsync(new OutboxPing { Id = Guid.NewGuid(), Text = text }, None), None);

    Task<int> OwedCountAsync(IncomingMessage incoming) =>
        _db.ScalarAsync<int>("SELECT coalesce(jsonb_array_length(owed), 0) FROM inbox WHERE consumer = @c AND message_id = @m", ("c", Consumer), ("m", incoming.MessageId));

    async Task<Guid[]> IdsAsync(IncomingMessage incoming) =>
        await _db.ScalarAsync<Guid[]>("SELECT coalesce(array_agg(message_id ORDER BY message_id), '{}') FROM outbox WHERE initiator_id = @m", ("m", incoming.MessageId));

    async Task<string[]> BodiesAsync(IncomingMessage incoming) =>
        await _db.ScalarAsync<string[]>("SELECT coalesce(array_agg(body->>'text'), '{}') FROM outbox WHERE initiator_id = @m", ("m", incoming.MessageId));
}
