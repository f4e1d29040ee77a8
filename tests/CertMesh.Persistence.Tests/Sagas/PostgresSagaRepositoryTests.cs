using CertMesh.Persistence.Messaging;
using CertMesh.Persistence.Tests.Support;
using MassTransit;

namespace CertMesh.Persistence.Tests.Sagas;

public sealed class PostgresSagaRepositoryTests(SagaHostFixture fixture) : IClassFixture<SagaHostFixture>
{
    const string InboxConsumer = "saga:CertMesh.Persistence.Tests.Sagas.CounterSaga";
    static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Send_TwoHundredConcurrentEventsForOneInstance_AppliesEachExactlyOnce()
    {
        const int increments = 200;
        var id = NewId.NextGuid();
        var messageIds = Enumerable.Range(0, increments).Select(_ => NewId.NextGuid()).ToArray();
        var gate = ConflictGate.Register(id, width: 4);

        // All at once: the first few race to create the instance, the rest race on its version.
        await Task.WhenAll(messageIds.Select(messageId =>
            fixture.Bus.Publish(new IncrementCounter { CorrelationId = id }, c => c.MessageId = messageId)));
        foreach (var messageId in messageIds)
            await fixture.Consumed.WaitForSuccessesAsync<IncrementCounter>(messageId, 1, Timeout);

        var saga = await fixture.LoadAsync(id);
        Assert.NotNull(saga);
        Assert.Equal(increments, saga.Count);
        // One insert (version 1) and one successful update per further message: nothing overwritten, nothing applied twice.
        Assert.Equal(increments, saga.Version);
        Assert.Equal("Counting", saga.State);
        Assert.Equal(increments, await fixture.Db.ScalarAsync<long>(
            "SELECT count(*) FROM inbox WHERE consumer = @c AND message_id = ANY(@ids)", ("c", InboxConsumer), ("ids", messageIds)));
        // The conflicts really happened and were resolved by retrying on fresh state, not by luck of serial delivery.
        Assert.True(gate.FilledUp, $"the endpoint never ran {gate.Width} handlers for the instance at once");
        var conflicts = fixture.Retries.ConflictsAmong(messageIds);
        Assert.True(conflicts >= gate.Width - 1, $"expected at least {gate.Width - 1} ConcurrencyException retries, saw {conflicts}");
    }

    [Fact]
    public async Task Send_SameMessageIdDeliveredTwice_AppliedOnce()
    {
        var id = NewId.NextGuid();
        var messageId = NewId.NextGuid();

        await fixture.Bus.Publish(new IncrementCounter { CorrelationId = id }, c => c.MessageId = messageId);
        await fixture.Bus.Publish(new IncrementCounter { CorrelationId = id }, c => c.MessageId = messageId);
        await fixture.Consumed.WaitForSuccessesAsync<IncrementCounter>(messageId, 2, Timeout);

        Assert.Equal(new CounterRow("Counting", 1, 1), await fixture.LoadAsync(id));
        Assert.Equal(1L, await fixture.Db.ScalarAsync<long>(
            "SELECT count(*) FROM inbox WHERE consumer = @c AND message_id = @id", ("c", InboxConsumer), ("id", messageId)));

        // A new message for the same instance is still applied.
        var next = NewId.NextGuid();
        await fixture.Bus.Publish(new IncrementCounter { CorrelationId = id }, c => c.MessageId = next);
        await fixture.Consumed.WaitForSuccessesAsync<IncrementCounter>(next, 1, Timeout);
        Assert.Equal(new CounterRow("Counting", 2, 2), await fixture.LoadAsync(id));
    }

    [Fact]
    public async Task ThenAsync_OutboxWriteThroughUnitOfWorkPayload_CommitsRowWithState()
    {
        var id = await StartCounterAsync();
        var finish = NewId.NextGuid();

        await fixture.Bus.Publish(new FinishCounter { CorrelationId = id }, c => c.MessageId = finish);
        await fixture.Consumed.WaitForSuccessesAsync<FinishCounter>(finish, 1, Timeout);

        Assert.Equal(new CounterRow("Finished", 1, 2), await fixture.LoadAsync(id));
        Assert.Equal(new[] { 1 }, await FinishedRowsAsync(id));
    }

    [Fact]
    public async Task ThenAsync_ActivityFailsAfterOutboxWrite_RowRolledBackWithState()
    {
        var id = await StartCounterAsync();
        var failing = NewId.NextGuid();

        await fixture.Bus.Publish(new FinishCounter { CorrelationId = id, FailAfterOutboxWrite = true }, c => c.MessageId = failing);
        await fixture.Consumed.WaitForFaultAsync<FinishCounter, SimulatedFailureException>(failing, Timeout);

        // Neither the state change nor the outbox row nor the inbox mark survived.
        Assert.Equal(new CounterRow("Counting", 1, 1), await fixture.LoadAsync(id));
        Assert.Empty(await FinishedRowsAsync(id));
        Assert.Equal(0L, await fixture.Db.ScalarAsync<long>(
            "SELECT count(*) FROM inbox WHERE consumer = @c AND message_id = @id", ("c", InboxConsumer), ("id", failing)));

        // The same message id, delivered again and succeeding this time, is applied: state and row appear together.
        await fixture.Bus.Publish(new FinishCounter { CorrelationId = id }, c => c.MessageId = failing);
        await fixture.Consumed.WaitForSuccessesAsync<FinishCounter>(failing, 1, Timeout);
        Assert.Equal(new CounterRow("Finished", 1, 2), await fixture.LoadAsync(id));
        Assert.Equal(new[] { 1 }, await FinishedRowsAsync(id));
    }

    async Task<Guid> StartCounterAsync()
    {
        var id = NewId.NextGuid();
        var first = NewId.NextGuid();
        await fixture.Bus.Publish(new IncrementCounter { CorrelationId = id }, c => c.MessageId = first);
        await fixture.Consumed.WaitForSuccessesAsync<IncrementCounter>(first, 1, Timeout);
        Assert.Equal(new CounterRow("Counting", 1, 1), await fixture.LoadAsync(id));
        return id;
    }

    /// <summary>The <c>count</c> of every CounterFinished row the saga wrote to the outbox for this instance.</summary>
    async Task<int[]> FinishedRowsAsync(Guid id) =>
        await fixture.Db.ScalarAsync<int[]>(
            "SELECT coalesce(array_agg((body->>'count')::int), '{}') FROM outbox WHERE message_type = @t AND body->>'correlationId' = @id",
            ("t", MessageTypeName.Of(typeof(CounterFinished))), ("id", id.ToString())) ?? [];
}
