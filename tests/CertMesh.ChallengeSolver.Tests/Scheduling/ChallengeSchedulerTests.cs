using System.Collections.Concurrent;
using CertMesh.ChallengeSolver.Queue;
using CertMesh.ChallengeSolver.Scheduling;
using CertMesh.ChallengeSolver.Tests.Support;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace CertMesh.ChallengeSolver.Tests.Scheduling;

/// <summary>The scheduler service (claim loop, wake-ups, heartbeat, shutdown) with a stand-in for the ACME work.</summary>
public sealed class ChallengeSchedulerTests(ITestOutputHelper output) : IAsyncLifetime
{
    SolverDatabase _db = null!;
    readonly List<ChallengeScheduler> _started = [];
    readonly ILoggerFactory _loggers = LoggerFactory.Create(l => l.AddProvider(new TestOutputLoggerProvider(output)));

    public async Task InitializeAsync() => _db = await SolverDatabase.CreateAsync();

    public async Task DisposeAsync()
    {
        foreach (var scheduler in _started)
            await scheduler.StopAsync(CancellationToken.None);
        await _db.DisposeAsync();
        _loggers.Dispose();
    }

    async Task<ChallengeScheduler> StartAsync(string replica, IChallengeProcessor processor, int max, TimeSpan lease, int pollMs = 20, bool dns01Together = true)
    {
        var options = new SchedulerOptions
        {
            ReplicaId = replica, MaxConcurrentChallenges = max, Lease = lease, Poll = TimeSpan.FromMilliseconds(pollMs), Dns01PresentTogether = dns01Together,
        };
        var scheduler = new ChallengeScheduler(_db.Database, processor, options, new SchedulerSignal(), TimeProvider.System, _loggers.CreateLogger<ChallengeScheduler>());
        await scheduler.StartAsync(CancellationToken.None);
        _started.Add(scheduler);
        return scheduler;
    }

    Task<long> CountAsync(string state) => _db.ScalarAsync<long>("SELECT count(*) FROM challenge_queue WHERE state = @state", ("state", state));

    [Fact]
    public async Task Schedulers_ThreeReplicasFiftyChallengesLimitTen_MaxOverlapFromSlotsIsTen()
    {
        await _db.EnqueueAsync(Enumerable.Range(0, 50).Select(i => SolverDatabase.Work($"load-{i:D2}", $"load{i}.test")).ToArray());
        var processor = new ReleasingProcessor(_db, TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(90));

        foreach (var replica in new[] { "replica-a", "replica-b", "replica-c" })
            await StartAsync(replica, processor, max: 10, lease: TimeSpan.FromSeconds(30));

        await Eventually.UntilAsync(() => CountAsync("done"), done => done == 50, "all 50 challenges to be worked and released");
        var overlap = await ChallengeSlots.MaxOverlapAsync(_db.DataSource, CancellationToken.None);
        output.WriteLine($"max overlap {overlap}; holds per replica: {string.Join(", ", processor.PerReplica.OrderBy(p => p.Key).Select(p => $"{p.Key}={p.Value}"))}");
        Assert.Equal(10, overlap);
        Assert.Equal(50L, await _db.ScalarAsync<long>("SELECT count(*) FROM challenge_slots WHERE ended_at IS NOT NULL"));
    }

    [Fact]
    public async Task Scheduler_Stopped_HandsUnfinishedHoldsBackDueNow()
    {
        await _db.EnqueueAsync(SolverDatabase.Work("one", "one.test"), SolverDatabase.Work("two", "two.test"));
        var processor = new BlockingProcessor();
        var scheduler = await StartAsync("stopping", processor, max: 10, lease: TimeSpan.FromSeconds(30));
        await Eventually.UntilAsync(() => CountAsync("processing"), n => n == 2, "both challenges to be held");

        await scheduler.StopAsync(CancellationToken.None);
        _started.Remove(scheduler);

        Assert.Equal(2L, await CountAsync("queued"));
        Assert.Equal(0L, await _db.ScalarAsync<long>("SELECT count(*) FROM challenge_slots WHERE ended_at IS NULL"));
        Assert.Equal(2, (await ChallengeQueue.ClaimAsync(_db.DataSource, "next", 10, TimeSpan.FromSeconds(30), CancellationToken.None)).Count);
    }

    [Fact]
    public async Task Scheduler_HoldLongerThanLease_HeartbeatKeepsIt()
    {
        await _db.EnqueueAsync(SolverDatabase.Work("long", "long.test"));
        // Two and a half leases long. The heartbeat runs every 400 ms: a loaded test machine (parallel suites on two
        // cores) stalls for a few hundred milliseconds at times, and a lease is only lost when a beat comes that late.
        var processor = new ReleasingProcessor(_db, TimeSpan.FromMilliseconds(3000), TimeSpan.FromMilliseconds(3000));
        await StartAsync("steady", processor, max: 1, lease: TimeSpan.FromMilliseconds(1200));

        await Eventually.UntilAsync(() => CountAsync("done"), done => done == 1, "the long hold to be released by its holder");

        Assert.Equal(0, processor.LeasesLost);
        Assert.Equal(1L, await _db.ScalarAsync<long>("SELECT count(*) FROM challenge_slots"));
    }

    [Fact]
    public async Task Scheduler_LeaseExpiredUnderIt_CancelsTheWorkAndAnotherReplicaTakesOver()
    {
        await _db.EnqueueAsync(SolverDatabase.Work("stolen", "stolen.test"));
        var processor = new BlockingProcessor();
        // A long poll: after its first claim the victim does not look at the queue again, so the rescuer gets the row.
        await StartAsync("victim", processor, max: 1, lease: TimeSpan.FromMilliseconds(600), pollMs: 60_000);
        await Eventually.UntilAsync(() => CountAsync("processing"), n => n == 1, "the challenge to be held");

        // As if the heartbeat had stalled past the lease (a long pause): the database considers the hold expired.
        await _db.ExecuteAsync("UPDATE challenge_queue SET lease_until = clock_timestamp() - interval '1 millisecond'");
        var taken = await ChallengeQueue.ClaimAsync(_db.DataSource, "rescuer", 1, TimeSpan.FromSeconds(30), CancellationToken.None);

        Assert.Equal("victim", Assert.Single(taken).PreviousOwner);
        await processor.Cancelled.Task.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(1L, await _db.ScalarAsync<long>("SELECT count(*) FROM challenge_slots WHERE ended_at IS NULL AND replica = 'rescuer'"));
    }

    /// <summary>Pairs of holds of one name and <paramref name="type"/> that overlapped in time.</summary>
    Task<int> SameNameOverlapsAsync(string type) =>
        _db.ScalarAsync<int>(ChallengeSlots.SameNameOverlapsSql + " AND qa.type = @type", ("type", type));

    /// <summary>An apex and its wildcard (dns-01, one name) and two http-01 challenges for that name.</summary>
    Task EnqueueApexWildcardAndHttpAsync() => _db.EnqueueAsync(
        SolverDatabase.Work("apex", "example.test", type: "dns-01"),
        SolverDatabase.Work("http-a", "example.test"),
        SolverDatabase.Work("wildcard", "example.test", type: "dns-01"),
        SolverDatabase.Work("http-b", "example.test"));

    [Fact]
    public async Task Scheduler_Dns01PresentTogether_ApexAndWildcardHeldAtOnceHttp01OneAtATime()
    {
        await EnqueueApexWildcardAndHttpAsync();
        var processor = new GateProcessor(_db);
        await StartAsync("together", processor, max: 10, lease: TimeSpan.FromSeconds(30), dns01Together: true);

        await Eventually.UntilAsync(() => Task.FromResult(processor.Held.Count), n => n == 3, "apex, wildcard and one http-01 challenge to be held");
        Assert.Equal(["apex", "http-a", "wildcard"], processor.Held.Keys.Order(StringComparer.Ordinal));
        processor.Open();
        await Eventually.UntilAsync(() => CountAsync("done"), done => done == 4, "all four to be released");

        Assert.Equal(1, await SameNameOverlapsAsync("dns-01"));
        Assert.Equal(0, await SameNameOverlapsAsync("http-01"));
    }

    [Fact]
    public async Task Scheduler_Dns01PresentTogetherOff_WildcardWaitsForTheApex()
    {
        await EnqueueApexWildcardAndHttpAsync();
        var processor = new GateProcessor(_db);
        await StartAsync("one-at-a-time", processor, max: 10, lease: TimeSpan.FromSeconds(30), dns01Together: false);

        await Eventually.UntilAsync(() => Task.FromResult(processor.Held.Count), n => n == 2, "one dns-01 and one http-01 challenge to be held");
        await Task.Delay(TimeSpan.FromMilliseconds(300)); // many polls: the free slots must stay unused
        Assert.Equal(["apex", "http-a"], processor.Held.Keys.Order(StringComparer.Ordinal));
        processor.Open();
        await Eventually.UntilAsync(() => CountAsync("done"), done => done == 4, "all four to be released one after the other");

        Assert.Equal(0, await ChallengeSlots.SameNameOverlapsAsync(_db.DataSource, CancellationToken.None));
    }

    /// <summary>Holds every challenge until the test opens the gate, then releases it as the real worker does at the end.</summary>
    sealed class GateProcessor(SolverDatabase db) : IChallengeProcessor
    {
        readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ConcurrentDictionary<string, byte> Held { get; } = new();

        public void Open() => _gate.TrySetResult();

        public async Task ProcessAsync(ChallengeHold hold, CancellationToken cancellationToken)
        {
            Held[hold.Name] = 0;
            await _gate.Task.WaitAsync(cancellationToken);
            await db.ReleaseAsync(hold);
        }
    }

    /// <summary>Holds each challenge for a random while, then releases it as the real worker does at the end.</summary>
    sealed class ReleasingProcessor(SolverDatabase db, TimeSpan min, TimeSpan max) : IChallengeProcessor
    {
        public ConcurrentDictionary<string, int> PerReplica { get; } = new();
        public int LeasesLost;

        public async Task ProcessAsync(ChallengeHold hold, CancellationToken cancellationToken)
        {
            PerReplica.AddOrUpdate(hold.Replica, 1, (_, n) => n + 1);
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next((int)min.TotalMilliseconds, (int)max.TotalMilliseconds + 1)), cancellationToken);
            try
            {
                await db.ReleaseAsync(hold);
            }
            catch (LeaseLostException)
            {
                Interlocked.Increment(ref LeasesLost);
                throw;
            }
        }
    }

    /// <summary>Never finishes on its own; reports when its work is cancelled.</summary>
    sealed class BlockingProcessor : IChallengeProcessor
    {
        public TaskCompletionSource Cancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task ProcessAsync(ChallengeHold hold, CancellationToken cancellationToken)
        {
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            finally
            {
                Cancelled.TrySetResult();
            }
        }
    }
}
