using System.Collections.Concurrent;
using CertMesh.Hosting.Bus;
using CertMesh.Persistence.Tests.Support;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CertMesh.Persistence.Tests.Bus;

/// <summary>
/// The consume filter on the real RabbitMQ: a transactional consumer's reply leaves through the outbox after its
/// commit, and a redelivered request (same message id) is not handled again but answered again.
/// </summary>
public sealed class UnitOfWorkFilterTests(FilterHostFixture fixture) : IClassFixture<FilterHostFixture>
{
    static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Consume_Request_AnsweredThroughTheOutboxAfterTheCommit()
    {
        var ping = new FilterPing { Id = Guid.NewGuid() };

        var response = await fixture.RequestClient.GetResponse<FilterPong>(ping, timeout: RequestTimeout.After(s: 30));

        Assert.Equal(ping.Id, response.Message.Id);
        Assert.Equal(1, response.Message.Handled);
        Assert.Equal(1L, await fixture.Db.ScalarAsync<long>("SELECT count(*) FROM handled_pings WHERE id = @id", ("id", ping.Id)));
    }

    [Fact]
    public async Task Consume_SameRequestDeliveredAgainAfterItsAnswer_HandledOnceAnsweredAgainWithTheSameMessageId()
    {
        var ping = new FilterPing { Id = Guid.NewGuid() };
        var messageId = NewId.NextGuid();
        var requestId = NewId.NextGuid();
        var endpoint = await fixture.Bus.GetSendEndpoint(fixture.PingQueue);

        // The broker redelivers a request whose answer already went out (its ack was lost): it is owed that answer again.
        for (var delivery = 1; delivery <= 2; delivery++)
        {
            await endpoint.Send(ping, context =>
            {
                context.MessageId = messageId;
                context.RequestId = requestId;
                context.ResponseAddress = fixture.PongQueue;
            });
            var expected = delivery;
            await Eventually.UntilAsync(() => Task.FromResult(fixture.Pongs.Of(ping.Id).Count), n => n >= expected, Timeout, $"answer {delivery}");
        }

        var answers = fixture.Pongs.Of(ping.Id);
        Assert.Equal(2, answers.Count);
        Assert.All(answers, a => Assert.Equal(requestId, a.RequestId));
        Assert.Single(answers.Select(a => a.MessageId).Distinct());
        Assert.All(answers, a => Assert.Equal(1, a.Message.Handled));
        Assert.Equal(1L, await fixture.Db.ScalarAsync<long>("SELECT count(*) FROM handled_pings WHERE id = @id", ("id", ping.Id)));
    }

    [Fact]
    public async Task Consume_HandlerThrows_NothingCommittedNothingAnswered()
    {
        var ping = new FilterPing { Id = Guid.NewGuid(), Fail = true };
        var endpoint = await fixture.Bus.GetSendEndpoint(fixture.PingQueue);
        var marker = new FilterPing { Id = Guid.NewGuid() };

        await endpoint.Send(ping, context => { context.RequestId = NewId.NextGuid(); context.ResponseAddress = fixture.PongQueue; });
        await endpoint.Send(marker, context => { context.RequestId = NewId.NextGuid(); context.ResponseAddress = fixture.PongQueue; });

        await Eventually.UntilAsync(() => Task.FromResult(fixture.Pongs.Of(marker.Id).Count), n => n == 1, Timeout, "the marker's answer");
        Assert.Empty(fixture.Pongs.Of(ping.Id));
        Assert.Equal(0L, await fixture.Db.ScalarAsync<long>("SELECT count(*) FROM handled_pings WHERE id = @id", ("id", ping.Id)));
    }
}

public sealed record FilterPing
{
    public Guid Id { get; init; }
    public bool Fail { get; init; }
}

public sealed record FilterPong
{
    public Guid Id { get; init; }
    public int Handled { get; init; }
}

/// <summary>Records its ping in the unit of work and answers through the outbox; fails on request, after writing.</summary>
[Inbox("tests:filter-ping")]
public sealed class FilterPingConsumer : IConsumer<FilterPing>
{
    public async Task Consume(ConsumeContext<FilterPing> context)
    {
        var unit = context.UnitOfWork();
        await using (var insert = unit.Command("INSERT INTO handled_pings (id) VALUES (@id)"))
        {
            insert.Parameters.AddWithValue("id", context.Message.Id);
            await insert.ExecuteNonQueryAsync(context.CancellationToken);
        }
        await using var count = unit.Command("SELECT count(*)::int FROM handled_pings WHERE id = @id");
        count.Parameters.AddWithValue("id", context.Message.Id);
        var handled = (int)(await count.ExecuteScalarAsync(context.CancellationToken))!;
        await unit.Outbox.RespondAsync(new FilterPong { Id = context.Message.Id, Handled = handled }, context.CancellationToken);
        if (context.Message.Fail)
            throw new InvalidOperationException("failing after the writes, as a handler bug would");
    }
}

public sealed record ReceivedPong(FilterPong Message, Guid? MessageId, Guid? RequestId);

public sealed class PongRecorder
{
    readonly ConcurrentDictionary<Guid, ConcurrentQueue<ReceivedPong>> _received = new();

    public void Record(ReceivedPong pong) => _received.GetOrAdd(pong.Message.Id, _ => new ConcurrentQueue<ReceivedPong>()).Enqueue(pong);

    public IReadOnlyList<ReceivedPong> Of(Guid id) => _received.TryGetValue(id, out var queue) ? queue.ToArray() : [];
}

public sealed class FilterPongConsumer(PongRecorder recorder) : IConsumer<FilterPong>
{
    public Task Consume(ConsumeContext<FilterPong> context)
    {
        recorder.Record(new ReceivedPong(context.Message, context.MessageId, context.RequestId));
        return Task.CompletedTask;
    }
}

/// <summary>A service host as production builds it, with the transactional ping consumer and a pong recorder.</summary>
public sealed class FilterHostFixture : IAsyncLifetime
{
    readonly string _suffix = Guid.NewGuid().ToString("N")[..8];
    TestDatabase? _db;
    IHost? _host;

    public TestDatabase Db => _db!;
    public PongRecorder Pongs { get; } = new();
    public IBus Bus => _host!.Services.GetRequiredService<IBus>();
    public IRequestClient<FilterPing> RequestClient => _host!.Services.GetRequiredService<IRequestClient<FilterPing>>();
    // Temporary endpoints: a non-durable queue that expires, behind a non-durable auto-delete exchange of the same
    // name. Sending to that exchange with the same properties never re-declares the queue differently.
    public Uri PingQueue => new($"exchange:{PingName}?durable=false&autodelete=true");
    public Uri PongQueue => new($"exchange:{PongName}?durable=false&autodelete=true");
    string PingName => $"persistence-tests-ping-{_suffix}";
    string PongName => $"persistence-tests-pong-{_suffix}";

    public async Task InitializeAsync()
    {
        await RabbitMqProbe.EnsureReachableAsync("certmesh-persistence-tests");
        _db = await TestDatabase.CreateAsync();
        await _db.ExecuteAsync("CREATE TABLE handled_pings (id uuid NOT NULL)");

        _host = await ServiceHost.StartAsync(_db, x =>
        {
            x.AddTransactionalConsumer<FilterPingConsumer>().Endpoint(e =>
            {
                e.Name = PingName;
                e.Temporary = true;
            });
            x.AddConsumer<FilterPongConsumer>().Endpoint(e =>
            {
                e.Name = PongName;
                e.Temporary = true;
            });
            x.AddRequestClient<FilterPing>(PingQueue);
            // The failing ping must not pile up in an error queue of the shared test vhost.
            x.AddConfigureEndpointsCallback((_, cfg) => cfg.DiscardFaultedMessages());
        }, services => services.AddSingleton(Pongs));
    }

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
