using CertMesh.ChallengeSolver.Queue;
using CertMesh.ChallengeSolver.Tests.Support;

namespace CertMesh.ChallengeSolver.Tests.Queue;

/// <summary>The scheduler's rules as the database enforces them, on the real PostgreSQL, one scratch database per test.</summary>
public sealed class ChallengeQueueTests : IAsyncLifetime
{
    static readonly TimeSpan LongLease = TimeSpan.FromMinutes(1);
    SolverDatabase _db = null!;

    public async Task InitializeAsync() => _db = await SolverDatabase.CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    Task<IReadOnlyList<ChallengeHold>> ClaimAsync(string replica, int max, TimeSpan? lease = null) =>
        ChallengeQueue.ClaimAsync(_db.DataSource, replica, max, lease ?? LongLease, CancellationToken.None);

    [Fact]
    public async Task ClaimAsync_MoreWaitingThanFreeSlots_ClaimsOldestFirst()
    {
        for (var i = 1; i <= 5; i++)
            await _db.EnqueueAsync(SolverDatabase.Work($"c{i}", $"host{i}.test"));

        var first = await ClaimAsync("a", max: 2);
        Assert.Equal(["c1", "c2"], first.Select(h => h.Name));
        Assert.Empty(await ClaimAsync("b", max: 2));

        await _db.ReleaseAsync(first[1]);
        Assert.Equal(["c3"], (await ClaimAsync("b", max: 2)).Select(h => h.Name));
    }

    [Fact]
    public async Task ClaimAsync_SameDnsNameAndType_OneAtATime()
    {
        await _db.EnqueueAsync(
            SolverDatabase.Work("a", "example.test"),
            SolverDatabase.Work("b", "example.test"),
            SolverDatabase.Work("c", "example.test", type: "dns-01"),
            SolverDatabase.Work("d", "other.test"));

        var claimed = await ClaimAsync("r1", max: 10);
        Assert.Equal(["a", "c", "d"], claimed.Select(h => h.Name));
        Assert.Empty(await ClaimAsync("r2", max: 10));

        await _db.ReleaseAsync(claimed[0]);
        Assert.Equal(["b"], (await ClaimAsync("r2", max: 10)).Select(h => h.Name));
        Assert.Equal(0, await ChallengeSlots.SameNameOverlapsAsync(_db.DataSource, CancellationToken.None));
    }

    [Fact]
    public async Task ClaimAsync_Dns01TypeHeldTogether_BothDns01OfOneNameHttp01StillOneAtATime()
    {
        await _db.EnqueueAsync(
            SolverDatabase.Work("apex", "example.test", type: "dns-01"),
            SolverDatabase.Work("http-a", "example.test"),
            SolverDatabase.Work("wildcard", "example.test", type: "dns-01"),
            SolverDatabase.Work("http-b", "example.test"));

        var claimed = await ChallengeQueue.ClaimAsync(_db.DataSource, "r1", 10, LongLease, ["dns-01"], CancellationToken.None);

        Assert.Equal(["apex", "http-a", "wildcard"], claimed.Select(h => h.Name));
        Assert.Empty(await ChallengeQueue.ClaimAsync(_db.DataSource, "r2", 10, LongLease, ["dns-01"], CancellationToken.None));
    }

    [Fact]
    public async Task ClaimAsync_ExpiredLease_TakenOverAndDeadSlotEndedAtLeaseEnd()
    {
        await _db.EnqueueAsync(SolverDatabase.Work("orphan", "orphan.test"));
        var dead = Assert.Single(await ClaimAsync("dead", max: 1, lease: TimeSpan.FromMilliseconds(300)));
        Assert.Empty(await ClaimAsync("alive", max: 1)); // live lease: held, and the limit is reached

        var taken = await Eventually.UntilAsync(() => ClaimAsync("alive", max: 1), h => h.Count == 1, "the expired lease to be taken over");

        Assert.Equal("dead", taken[0].PreviousOwner);
        Assert.Equal(2, taken[0].Attempts);
        var deadSlotEnd = await _db.ScalarAsync<DateTime>("SELECT ended_at FROM challenge_slots WHERE replica = 'dead'");
        Assert.Equal(dead.LeaseUntil.UtcDateTime, deadSlotEnd);
        Assert.Empty(await ChallengeQueue.RenewAsync(_db.DataSource, [dead], LongLease, CancellationToken.None));
        await Assert.ThrowsAsync<LeaseLostException>(() => _db.ReleaseAsync(dead));
        Assert.Equal(1, await ChallengeSlots.MaxOverlapAsync(_db.DataSource, CancellationToken.None));
    }

    [Fact]
    public async Task ClaimAsync_ExpiredButNotTakenOver_NotRevivedByRenewal()
    {
        await _db.EnqueueAsync(SolverDatabase.Work("slow", "slow.test"));
        var hold = Assert.Single(await ClaimAsync("slow-replica", max: 1, lease: TimeSpan.FromMilliseconds(200)));
        await Task.Delay(TimeSpan.FromMilliseconds(300));

        var renewed = await ChallengeQueue.RenewAsync(_db.DataSource, [hold], LongLease, CancellationToken.None);

        Assert.Empty(renewed);
        Assert.Single(await ClaimAsync("other", max: 1));
    }

    [Fact]
    public async Task ClaimAsync_SameReplicaIdClaimsAgainAfterExpiry_OldHoldIsFencedOff()
    {
        // A restarted process keeps its CERTMESH_REPLICA_ID: its new claim must not let the old one's work count.
        await _db.EnqueueAsync(SolverDatabase.Work("restart", "restart.test"));
        var before = Assert.Single(await ClaimAsync("same-id", max: 1, lease: TimeSpan.FromMilliseconds(200)));
        var after = await Eventually.UntilAsync(() => ClaimAsync("same-id", max: 1), h => h.Count == 1, "the expired hold to be claimed again");

        Assert.Equal(before.Attempts + 1, after[0].Attempts);
        Assert.Empty(await ChallengeQueue.RenewAsync(_db.DataSource, [before], LongLease, CancellationToken.None));
        await Assert.ThrowsAsync<LeaseLostException>(() => _db.ReleaseAsync(before));
        await _db.ReleaseAsync(after[0]);
    }

    [Fact]
    public async Task RenewAsync_LiveLease_KeepsTheHoldPastItsFirstLease()
    {
        await _db.EnqueueAsync(SolverDatabase.Work("kept", "kept.test"));
        var lease = TimeSpan.FromMilliseconds(1000); // beats 200 ms apart: a stall of most of a lease is tolerated
        var hold = Assert.Single(await ClaimAsync("keeper", max: 1, lease: lease));

        for (var beat = 0; beat < 7; beat++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200));
            Assert.Equal([hold], await ChallengeQueue.RenewAsync(_db.DataSource, [hold], lease, CancellationToken.None));
        }

        Assert.Empty(await ClaimAsync("thief", max: 1));
        await _db.ReleaseAsync(hold);
    }

    [Fact]
    public async Task ReleaseAsync_Requeued_WaitsUntilDueThenClaimedAgain()
    {
        await _db.EnqueueAsync(SolverDatabase.Work("later", "later.test"));
        var hold = Assert.Single(await ClaimAsync("a", max: 1));
        await using (var unit = await _db.Database.BeginAsync(CancellationToken.None))
        {
            await ChallengeQueue.ReleaseAsync(unit, hold, CancellationToken.None, requeue: true, requeueAt: DateTimeOffset.UtcNow.AddMilliseconds(300));
            await unit.CommitAsync(CancellationToken.None);
        }

        Assert.Empty(await ClaimAsync("b", max: 1));
        var again = await Eventually.UntilAsync(() => ClaimAsync("b", max: 1), h => h.Count == 1, "the requeued row to become due");
        Assert.Null(again[0].PreviousOwner);
        Assert.Equal(2L, await _db.ScalarAsync<long>("SELECT count(*) FROM challenge_slots"));
        Assert.Equal(1L, await _db.ScalarAsync<long>("SELECT count(*) FROM challenge_slots WHERE ended_at IS NULL AND replica = 'b'"));
    }

    [Fact]
    public async Task EnqueueAsync_SameChallengeTwice_OneRow()
    {
        await using var unit = await _db.Database.BeginAsync(CancellationToken.None);
        Assert.True(await ChallengeQueue.EnqueueAsync(unit, SolverDatabase.Work("once", "once.test"), CancellationToken.None));
        Assert.False(await ChallengeQueue.EnqueueAsync(unit, SolverDatabase.Work("once", "once.test"), CancellationToken.None));
        await unit.CommitAsync(CancellationToken.None);
        Assert.Equal(1L, await _db.ScalarAsync<long>("SELECT count(*) FROM challenge_queue"));
    }

    [Fact]
    public async Task EnqueueAsync_DoneRowOfADeletedChallenge_QueuedAgain()
    {
        await _db.EnqueueAsync(SolverDatabase.Work("again", "first.test"));
        await _db.ReleaseAsync(Assert.Single(await ClaimAsync("a", max: 1)));

        await _db.EnqueueAsync(SolverDatabase.Work("again", "second.test"));

        var hold = Assert.Single(await ClaimAsync("b", max: 1));
        Assert.Equal(("second.test", 2), (hold.Work.DnsName, hold.Attempts));
    }

    [Fact]
    public async Task ClaimAsync_ManyClaimersRacing_NeverMoreThanLimitNorTwoOfOneName()
    {
        const int limit = 7;
        // 80 challenges over 20 names: plenty of contention on both the limit and the per-name rule.
        await _db.EnqueueAsync(Enumerable.Range(0, 80).Select(i => SolverDatabase.Work($"race-{i:D2}", $"name{i % 20}.test")).ToArray());

        async Task ClaimerAsync(string replica)
        {
            var random = new Random(replica.GetHashCode());
            var held = new List<Task>();
            while (await _db.ScalarAsync<long>("SELECT count(*) FROM challenge_queue WHERE state <> 'done'") > 0)
            {
                foreach (var hold in await ClaimAsync(replica, limit))
                    held.Add(Task.Run(async () => { await Task.Delay(random.Next(2, 25)); await _db.ReleaseAsync(hold); }));
                await Task.Delay(random.Next(0, 5));
            }
            await Task.WhenAll(held);
        }

        await Task.WhenAll(Enumerable.Range(1, 6).Select(i => ClaimerAsync($"claimer-{i}"))).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(80L, await _db.ScalarAsync<long>("SELECT count(*) FROM challenge_slots WHERE ended_at IS NOT NULL"));
        var overlap = await ChallengeSlots.MaxOverlapAsync(_db.DataSource, CancellationToken.None);
        Assert.InRange(overlap, 2, limit);
        Assert.Equal(0, await ChallengeSlots.SameNameOverlapsAsync(_db.DataSource, CancellationToken.None));
    }
}
