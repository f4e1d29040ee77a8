using CertMesh.ChallengeSolver.Queue;
using CertMesh.ChallengeSolver.Tests.Support;

namespace CertMesh.ChallengeSolver.Tests.Queue;

/// <summary>
/// The claim's per-name rule with and without types held together (DNS-01 values for one name presented as one TXT
/// set), on the real PostgreSQL, one scratch database per test.
/// </summary>
public sealed class ChallengeQueueClaimTests : IAsyncLifetime
{
    static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);
    static readonly string[] Dns01Together = ["dns-01"];
    SolverDatabase _db = null!;

    public async Task InitializeAsync() => _db = await SolverDatabase.CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    static ChallengeWork Work(string name, string dnsName, string type) =>
        new("default", name, dnsName, type, new ChallengeAccount { AcmeServer = "https://acme.test/dir", KeySecretNamespace = "default", KeySecretName = "account" });

    async Task EnqueueAsync(params ChallengeWork[] works)
    {
        await using var unit = await _db.Database.BeginAsync(CancellationToken.None);
        foreach (var work in works)
            await ChallengeQueue.EnqueueAsync(unit, work, CancellationToken.None);
        await unit.CommitAsync(CancellationToken.None);
    }

    async Task ReleaseAsync(ChallengeHold hold)
    {
        await using var unit = await _db.Database.BeginAsync(CancellationToken.None);
        await ChallengeQueue.ReleaseAsync(unit, hold, CancellationToken.None);
        await unit.CommitAsync(CancellationToken.None);
    }

    async Task<string[]> ClaimAsync(string replica, int max, IReadOnlyCollection<string> together, List<ChallengeHold>? held = null)
    {
        var holds = await ChallengeQueue.ClaimAsync(_db.DataSource, replica, max, Lease, together, CancellationToken.None);
        held?.AddRange(holds);
        return holds.Select(h => h.Name).ToArray();
    }

    /// <summary>An apex and its wildcard (both dns-01 for one name), and two http-01 challenges for that name.</summary>
    Task EnqueueApexWildcardAndHttpAsync() => EnqueueAsync(
        Work("apex", "example.test", "dns-01"),
        Work("http-a", "example.test", "http-01"),
        Work("wildcard", "example.test", "dns-01"),
        Work("http-b", "example.test", "http-01"));

    [Fact]
    public async Task ClaimAsync_Dns01HeldTogether_BothDns01OfOneNameAtOnceHttp01StillOneAtATime()
    {
        await EnqueueApexWildcardAndHttpAsync();

        Assert.Equal(["apex", "http-a", "wildcard"], await ClaimAsync("r1", 10, Dns01Together));
        Assert.Empty(await ClaimAsync("r2", 10, Dns01Together));
    }

    [Fact]
    public async Task ClaimAsync_Dns01OneAtATime_WildcardWaitsForTheApex()
    {
        await EnqueueApexWildcardAndHttpAsync();
        var held = new List<ChallengeHold>();

        Assert.Equal(["apex", "http-a"], await ClaimAsync("r1", 10, [], held));
        Assert.Empty(await ClaimAsync("r2", 10, []));
        await ReleaseAsync(held.Single(h => h.Name == "apex"));
        Assert.Equal(["wildcard"], await ClaimAsync("r2", 10, []));
        Assert.Equal(0, await ChallengeSlots.SameNameOverlapsAsync(_db.DataSource, CancellationToken.None));
    }

    [Fact]
    public async Task ClaimAsync_Dns01HeldTogether_EveryHoldCountsAgainstTheLimit()
    {
        await EnqueueAsync(Work("one", "many.test", "dns-01"), Work("two", "many.test", "dns-01"), Work("three", "many.test", "dns-01"));
        var held = new List<ChallengeHold>();

        Assert.Equal(["one", "two"], await ClaimAsync("r1", 2, Dns01Together, held));
        Assert.Empty(await ClaimAsync("r2", 2, Dns01Together));
        await ReleaseAsync(held[0]);
        Assert.Equal(["three"], await ClaimAsync("r2", 2, Dns01Together));
        Assert.Equal(2, await ChallengeSlots.MaxOverlapAsync(_db.DataSource, CancellationToken.None));
    }

    [Fact]
    public async Task ClaimAsync_Dns01HeldTogether_ExpiredHoldTakenOverBesideALiveOneOfTheSameName()
    {
        await EnqueueAsync(Work("apex", "takeover.test", "dns-01"), Work("wildcard", "takeover.test", "dns-01"));
        var held = new List<ChallengeHold>();
        Assert.Equal(["apex", "wildcard"], await ClaimAsync("dying", 10, Dns01Together, held));
        // The apex holder died; the wildcard's holder is alive.
        await _db.ExecuteAsync("UPDATE challenge_queue SET lease_until = clock_timestamp() - interval '1 millisecond' WHERE name = 'apex'");

        var taken = await ChallengeQueue.ClaimAsync(_db.DataSource, "rescuer", 10, Lease, Dns01Together, CancellationToken.None);

        Assert.Equal(("apex", "dying"), (Assert.Single(taken).Name, taken[0].PreviousOwner));
    }

    [Fact]
    public async Task ClaimAsync_WithoutTogetherTypes_SameAsTheOneAtATimeOverload()
    {
        await EnqueueApexWildcardAndHttpAsync();

        var claimed = await ChallengeQueue.ClaimAsync(_db.DataSource, "r1", 10, Lease, CancellationToken.None);

        Assert.Equal(["apex", "http-a"], claimed.Select(h => h.Name));
    }
}
