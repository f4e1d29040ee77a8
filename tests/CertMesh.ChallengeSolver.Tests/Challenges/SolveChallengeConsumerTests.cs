using CertMesh.ChallengeSolver.Tests.Support;
using CertMesh.Contracts.Acme;
using CertMesh.Domain.Resources;
using CertMesh.Persistence.Resources;
using MassTransit;
using MassTransit.Testing;
using Xunit.Abstractions;

namespace CertMesh.ChallengeSolver.Tests.Challenges;

/// <summary>The consumer alone (the scheduler left out): what one SolveChallenge, its redelivery and its duplicates leave behind.</summary>
public sealed class SolveChallengeConsumerTests(ITestOutputHelper output) : IAsyncLifetime
{
    SolverDatabase _db = null!;
    SolverHost _host = null!;
    readonly ConsumeCounter _consumed = new();

    public async Task InitializeAsync()
    {
        _db = await SolverDatabase.CreateAsync();
        _host = await SolverHost.StartAsync(_db, output, scheduler: false);
        _host.Harness.Bus.ConnectConsumeObserver(_consumed);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _db.DisposeAsync();
    }

    /// <summary>Publishes and waits until the consumer has handled this very delivery (a redelivery shares its id).</summary>
    async Task SendAsync(SolveChallenge message, Guid messageId)
    {
        await _host.Harness.Bus.Publish(message, context => context.MessageId = messageId);
        Assert.Equal(messageId, await _consumed.NextAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Consume_RedeliveredAndDuplicated_CreatesChallengeAndQueueRowOnce()
    {
        var message = Messages.Solve("once-1", "once.example.test");
        var id = NewId.NextGuid();

        await SendAsync(message, id);
        await SendAsync(message, id);                 // a redelivery: same message id
        await SendAsync(message, NewId.NextGuid());  // a duplicate send: new id, same challenge

        var stored = await Messages.ChallengeAsync(_db.Database, "once-1");
        Assert.NotNull(stored);
        Assert.Equal(1, stored.ResourceVersion);
        Assert.Equal(ChallengeStates.Pending, stored.Document.Status.State);
        Assert.Equal("HTTP-01", stored.Document.Spec.Type);
        Assert.Equal(message.Key, stored.Document.Spec.Key);
        Assert.Equal("{}", stored.Document.Spec.Solver!.Value.GetProperty("http01").GetProperty("ingress").GetRawText());
        Assert.Equal(1L, await _db.ScalarAsync<long>("SELECT count(*) FROM challenge_queue WHERE name = 'once-1' AND state = 'queued' AND dns_name = 'once.example.test' AND type = 'http-01'"));
        var created = Assert.Single(await Messages.EventsAsync(_db.Database, "once-1"));
        Assert.Equal("Created", created.Reason);
        Assert.Empty(await Messages.OutboxAsync<ChallengeSolved>(_db));
        Assert.Empty(await Messages.OutboxAsync<ChallengeFailed>(_db));
    }

    [Fact]
    public async Task Consume_DuplicateAfterTheChallengeEnded_AnswersWithItsOutcomeAgain()
    {
        var message = Messages.Solve("ended-1", "ended.example.test");
        await SendAsync(message, NewId.NextGuid());
        await using (var unit = await _db.Database.BeginAsync(CancellationToken.None))
        {
            var key = new ResourceKey(ResourceKinds.Challenge, "default", "ended-1");
            var stored = (await unit.Resources.GetAsync<Challenge>(key, CancellationToken.None))!;
            var valid = stored.Document with { Status = stored.Document.Status with { State = ChallengeStates.Valid } };
            await unit.Resources.UpdateAsync(key, valid, stored.ResourceVersion, null, CancellationToken.None);
            await unit.CommitAsync(CancellationToken.None);
        }

        await SendAsync(message, NewId.NextGuid());

        var solved = Assert.Single(await Messages.OutboxAsync<ChallengeSolved>(_db));
        Assert.Equal(("ended-1", message.OrderId, "ended.example.test"), (solved.ChallengeName, solved.OrderId, solved.DnsName));
    }

    [Fact]
    public async Task Consume_UnusableMessage_FailsWithEveryFieldAndCreatesNothing()
    {
        var message = Messages.Solve("bad-1", "bad_name..test") with { Token = "", Wildcard = true, ChallengeUrl = "not a url" };

        await SendAsync(message, NewId.NextGuid());

        var failed = Assert.Single(await Messages.OutboxAsync<ChallengeFailed>(_db));
        Assert.Equal("InvalidChallenge", failed.Reason);
        Assert.Contains("token: Required value", failed.Message);
        Assert.Contains("challengeUrl: Invalid value", failed.Message);
        Assert.Contains("dnsName: Invalid value", failed.Message);
        Assert.Contains("type: Forbidden: a wildcard name can only be proved with dns-01", failed.Message);
        Assert.Null(await Messages.ChallengeAsync(_db.Database, "bad-1"));
        Assert.Equal(0L, await _db.ScalarAsync<long>("SELECT count(*) FROM challenge_queue"));
    }

    [Fact]
    public async Task Consume_Dns01ForAnIpAddress_FailsInvalidChallenge()
    {
        var message = Messages.Solve("ip-dns-1", "192.0.2.7", type: "dns-01");

        await SendAsync(message, NewId.NextGuid());

        var failed = Assert.Single(await Messages.OutboxAsync<ChallengeFailed>(_db));
        Assert.Equal(("InvalidChallenge", "type: Forbidden: an IP address cannot be proved with dns-01 (RFC 8738 section 7)"), (failed.Reason, failed.Message));
        Assert.Null(await Messages.ChallengeAsync(_db.Database, "ip-dns-1"));
    }
}
