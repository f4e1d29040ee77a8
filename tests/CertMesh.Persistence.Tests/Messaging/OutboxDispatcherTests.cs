using System.Collections.Concurrent;
using System.Security.Cryptography;
using CertMesh.Hosting;
using CertMesh.Persistence.Database;
using CertMesh.Persistence.Messaging;
using CertMesh.Persistence.Secrets;
using CertMesh.Persistence.Tests.Support;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CertMesh.Persistence.Tests.Messaging;

/// <summary>The transactional outbox end to end: a committed row reaches a consumer on the real RabbitMQ, once, on time.</summary>
public sealed class OutboxDispatcherTests(OutboxHostFixture fixture) : IClassFixture<OutboxHostFixture>
{
    static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    static CancellationToken None => CancellationToken.None;

    [Fact]
    public async Task CommitAsync_OutboxMessage_DeliveredWithRowMessageIdAndRowDeleted()
    {
        var ping = new OutboxPing { Id = Guid.NewGuid(), Text = "hello" };

        await using (var unit = await fixture.Database.BeginAsync(None))
        {
            await unit.Outbox.PublishAsync(ping, None);
            await unit.CommitAsync(None);
        }

        var received = await fixture.Recorder.WaitAsync(ping.Id).WithTimeout(Timeout, "the outbox message");
        await Eventually.UntilAsync(() => fixture.CountRowsAsync(ping.Id), n => n == 0, Timeout, "the dispatcher to delete the delivered row");

        Assert.Equal(await fixture.WrittenMessageIdAsync(ping.Id), received.MessageId);
        Assert.Equal(ping, received.Message);
        Assert.Single(fixture.Recorder.All(ping.Id));
    }

    [Fact]
    public async Task CommitAsync_DispatcherTakesHandover_RowWrittenLeasedAndSentFromMemory()
    {
        var ping = new OutboxPing { Id = Guid.NewGuid(), Text = "handed over" };

        await using (var unit = await fixture.Database.BeginAsync(None))
        {
            await unit.Outbox.PublishAsync(ping, None);
            await unit.CommitAsync(None);
        }

        // Delivered well before its row's lease ends, so it did not wait for the poll.
        await fixture.Recorder.WaitAsync(ping.Id).WithTimeout(OutboxSignal.Lease / 2, "the handed-over message");
        await Eventually.UntilAsync(() => fixture.CountRowsAsync(ping.Id), n => n == 0, Timeout, "the dispatcher to delete the leased row");

        var lease = await fixture.WrittenLeaseAsync(ping.Id);
        Assert.InRange(lease, OutboxSignal.Lease - TimeSpan.FromSeconds(1), OutboxSignal.Lease);
        Assert.Single(fixture.Recorder.All(ping.Id));
    }

    [Fact]
    public async Task CommitAsync_HandingProcessDiesBeforeSending_PollSendsItOnceTheLeaseEnds()
    {
        var ping = new OutboxPing { Id = Guid.NewGuid(), Text = "orphaned" };
        var dead = fixture.DeadProcessDatabase();

        await using (var unit = await dead.BeginAsync(None))
        {
            await unit.Outbox.PublishAsync(ping, None);
            await unit.CommitAsync(None);
        }
        var committedAt = DateTimeOffset.UtcNow;

        var received = await fixture.Recorder.WaitAsync(ping.Id).WithTimeout(OutboxSignal.Lease + Timeout, "the orphaned message, from the poll");
        await Eventually.UntilAsync(() => fixture.CountRowsAsync(ping.Id), n => n == 0, Timeout, "the poll to delete the row");

        Assert.True(received.ReceivedAt >= committedAt + OutboxSignal.Lease - TimeSpan.FromSeconds(1),
            $"sent at {received.ReceivedAt:O}, before the lease taken at {committedAt:O} ended");
        Assert.Single(fixture.Recorder.All(ping.Id));
    }

    [Fact]
    public async Task ScheduleAsync_DueInTwoSeconds_DeliveredOnlyOnceDue()
    {
        var scheduled = new OutboxPing { Id = Guid.NewGuid(), Text = "later" };
        var immediate = new OutboxPing { Id = Guid.NewGuid(), Text = "now" };

        DateTimeOffset dueAt;
        await using (var unit = await fixture.Database.BeginAsync(None))
        {
            dueAt = fixture.Database.Time.GetUtcNow().AddSeconds(2);
            await unit.Outbox.ScheduleAsync(scheduled, dueAt, None);
            await unit.Outbox.PublishAsync(immediate, None);
            await unit.CommitAsync(None);
        }

        // The dispatcher is working (it delivered the message committed beside it) and still holds the scheduled one.
        await fixture.Recorder.WaitAsync(immediate.Id).WithTimeout(Timeout, "the immediate message");
        var late = await fixture.Recorder.WaitAsync(scheduled.Id).WithTimeout(Timeout, "the scheduled message");

        // Same host clock on both sides; PostgreSQL stores microseconds, hence the tolerance.
        Assert.True(late.ReceivedAt >= dueAt.AddMilliseconds(-1), $"delivered at {late.ReceivedAt:O}, before its due time {dueAt:O}");
        await Eventually.UntilAsync(() => fixture.CountRowsAsync(scheduled.Id), n => n == 0, Timeout, "the scheduled row to be deleted");
    }

    [Fact]
    public async Task DisposeAsync_WithoutCommit_PublishesNothing()
    {
        var rolledBack = new OutboxPing { Id = Guid.NewGuid(), Text = "rolled back" };
        var marker = new OutboxPing { Id = Guid.NewGuid(), Text = "marker" };

        await using (var unit = await fixture.Database.BeginAsync(None))
            await unit.Outbox.PublishAsync(rolledBack, None);
        await using (var unit = await fixture.Database.BeginAsync(None))
        {
            await unit.Outbox.PublishAsync(marker, None);
            await unit.CommitAsync(None);
        }

        // The marker was written after the rolled-back row and has arrived, so the dispatcher has passed that point.
        await fixture.Recorder.WaitAsync(marker.Id).WithTimeout(Timeout, "the marker message");
        await Eventually.UntilAsync(() => fixture.CountAllRowsAsync(), n => n == 0, Timeout, "an empty outbox");

        Assert.Empty(fixture.Recorder.All(rolledBack.Id));
    }
}

public sealed class OutboxDispatcherReplyTests(OutboxHostFixture fixture) : IClassFixture<OutboxHostFixture>
{
    static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    static CancellationToken None => CancellationToken.None;

    [Fact]
    public async Task DeliverBatch_ReplyToAnotherBroker_DroppedNeverSentAndTheRestDelivered()
    {
        var marker = new OutboxPing { Id = Guid.NewGuid(), Text = "after the hostile reply" };
        var hostile = new IncomingMessage(Guid.NewGuid(), null, Guid.NewGuid(), new Uri("rabbitmq://attacker.example:5672/certmesh-test/loot"));

        await using (var unit = await fixture.Database.BeginOnceAsync("tests:hostile-reply", hostile, None))
        {
            await unit!.Outbox.RespondAsync(new OutboxPing { Id = Guid.NewGuid(), Text = "for the attacker" }, None);
            await unit.Outbox.PublishAsync(marker, None);
            await unit.CommitAsync(None);
        }

        await fixture.Recorder.WaitAsync(marker.Id).WithTimeout(Timeout, "the message written beside the hostile reply");
        await Eventually.UntilAsync(() => fixture.CountAllRowsAsync(), n => n == 0, Timeout, "the hostile reply dropped from the outbox");
    }
}

/// <summary>Test-local message type: its exchange and queue belong to this file alone.</summary>
public sealed record OutboxPing
{
    public Guid Id { get; init; }
    public string Text { get; init; } = "";
}

public sealed record ReceivedPing(OutboxPing Message, Guid? MessageId, DateTimeOffset ReceivedAt);

public sealed class OutboxPingRecorder
{
    readonly ConcurrentDictionary<Guid, ConcurrentQueue<ReceivedPing>> _received = new();
    readonly ConcurrentDictionary<Guid, TaskCompletionSource<ReceivedPing>> _first = new();

    public void Record(ReceivedPing received)
    {
        _received.GetOrAdd(received.Message.Id, _ => new ConcurrentQueue<ReceivedPing>()).Enqueue(received);
        Waiter(received.Message.Id).TrySetResult(received);
    }

    public Task<ReceivedPing> WaitAsync(Guid id) => Waiter(id).Task;

    public IReadOnlyList<ReceivedPing> All(Guid id) => _received.TryGetValue(id, out var queue) ? queue.ToArray() : [];

    TaskCompletionSource<ReceivedPing> Waiter(Guid id) =>
        _first.GetOrAdd(id, _ => new TaskCompletionSource<ReceivedPing>(TaskCreationOptions.RunContinuationsAsynchronously));
}

public sealed class OutboxPingConsumer(OutboxPingRecorder recorder) : IConsumer<OutboxPing>
{
    public Task Consume(ConsumeContext<OutboxPing> context)
    {
        recorder.Record(new ReceivedPing(context.Message, context.MessageId, DateTimeOffset.UtcNow));
        return Task.CompletedTask;
    }
}

/// <summary>
/// A service host as production builds it (<see cref="ServiceDefaults.AddCertMeshDefaults"/>): schema initializer,
/// bus on the test vhost, and the <c>OutboxDispatcher</c>, over this class's own database.
/// </summary>
public sealed class OutboxHostFixture : IAsyncLifetime
{
    TestDatabase? _db;
    IHost? _host;

    public OutboxPingRecorder Recorder { get; } = new();
    public CertMeshDatabase Database => _host!.Services.GetRequiredService<CertMeshDatabase>();

    public async Task InitializeAsync()
    {
        await RabbitMqProbe.EnsureReachableAsync("certmesh-persistence-tests");
        _db = await TestDatabase.CreateAsync(withSchema: false);

        var endpoint = "persistence-tests-outbox-" + Guid.NewGuid().ToString("N")[..8];
        _host = await ServiceHost.StartAsync(_db, x => x.AddConsumer<OutboxPingConsumer>().Endpoint(e =>
        {
            e.Name = endpoint;
            e.Temporary = true;
        }), services => services.AddSingleton(Recorder));

        // The dispatcher deletes rows as soon as it has published them; an audit copy keeps what was written.
        await _db.ExecuteAsync("""
            CREATE TABLE outbox_written (message_id uuid NOT NULL, body jsonb NOT NULL, lease interval NOT NULL);
            CREATE FUNCTION outbox_audit() RETURNS trigger LANGUAGE plpgsql AS
                $$ BEGIN INSERT INTO outbox_written VALUES (NEW.message_id, NEW.body, NEW.due_at - now()); RETURN NEW; END $$;
            CREATE TRIGGER outbox_audit AFTER INSERT ON outbox FOR EACH ROW EXECUTE FUNCTION outbox_audit();
            """);
    }

    /// <summary>The MessageId of the one outbox row written for this ping.</summary>
    public async Task<Guid> WrittenMessageIdAsync(Guid pingId)
    {
        var ids = await _db!.ScalarAsync<Guid[]>("SELECT array_agg(message_id) FROM outbox_written WHERE body->>'id' = @id", ("id", pingId.ToString()));
        return Assert.Single(ids ?? []);
    }

    /// <summary>How far ahead of its commit the one row written for this ping was due.</summary>
    public Task<TimeSpan> WrittenLeaseAsync(Guid pingId) =>
        _db!.ScalarAsync<TimeSpan>("SELECT lease FROM outbox_written WHERE body->>'id' = @id", ("id", pingId.ToString()));

    /// <summary>A second process's database over the same store, whose dispatcher took the hand-over and then died.</summary>
    public CertMeshDatabase DeadProcessDatabase()
    {
        var signal = new OutboxSignal();
        signal.AcceptHandover();
        return new CertMeshDatabase(_db!.DataSource, new SecretCipher(RandomNumberGenerator.GetBytes(32)), signal, TimeProvider.System);
    }

    public Task<long> CountRowsAsync(Guid pingId) =>
        _db!.ScalarAsync<long>("SELECT count(*) FROM outbox WHERE body->>'id' = @id", ("id", pingId.ToString()));

    public Task<long> CountAllRowsAsync() => _db!.ScalarAsync<long>("SELECT count(*) FROM outbox");

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.StopAsync(CancellationToken.None);
            _host.Dispose();
        }
        if (_db is not null)
            await _db.DisposeAsync();
    }
}
