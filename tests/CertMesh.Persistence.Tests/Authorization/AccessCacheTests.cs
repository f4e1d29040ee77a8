using CertMesh.Domain.Authorization;
using CertMesh.Domain.Resources;
using CertMesh.Hosting.Authorization;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace CertMesh.Persistence.Tests.Authorization;

public sealed class AccessCacheTests
{
    static readonly AccessOptions Options = new([], TimeSpan.FromSeconds(2));

    [Fact]
    public async Task CurrentAsync_WithinRefresh_ReadsOnce()
    {
        var time = new FakeTimeProvider();
        var reads = 0;
        var cache = new AccessCache(_ => { reads++; return Task.FromResult(Snapshot()); }, Options, time);

        await cache.CurrentAsync(default);
        time.Advance(TimeSpan.FromSeconds(1.9));
        await cache.CurrentAsync(default);

        Assert.Equal(1, reads);
    }

    [Fact]
    public async Task CurrentAsync_ExpiredWhileAReadIsSlow_EveryCallerGetsTheNewSnapshotNeverTheOld()
    {
        var time = new FakeTimeProvider();
        var version = 0;
        var release = new TaskCompletionSource();
        var cache = new AccessCache(async _ =>
        {
            var mine = ++version;
            if (mine == 2)
                await release.Task;
            return Snapshot(bound: mine >= 2);
        }, Options, time);
        await cache.CurrentAsync(default);
        time.Advance(TimeSpan.FromSeconds(3));

        // Fifty calls arrive while the second read is still running: none may be answered from the expired snapshot.
        var calls = Enumerable.Range(0, 50).Select(_ => cache.CurrentAsync(default).AsTask()).ToList();
        await Task.Delay(50);
        release.SetResult();
        var snapshots = await Task.WhenAll(calls);

        Assert.All(snapshots, s => Assert.True(s.Authorize("app", new AccessRequest(Verbs.Apply, ResourceKinds.Certificate, "team")).Allowed));
        Assert.Equal(2, version);
    }

    [Fact]
    public async Task Invalidate_NextCallReadsAgain()
    {
        var time = new FakeTimeProvider();
        var reads = 0;
        var cache = new AccessCache(_ => { reads++; return Task.FromResult(Snapshot()); }, Options, time);
        await cache.CurrentAsync(default);

        cache.Invalidate();
        await cache.CurrentAsync(default);

        Assert.Equal(2, reads);
    }

    static AccessSnapshot Snapshot(bool bound = false) => AccessSnapshot.Build(
        [new Principal { Metadata = new ObjectMeta { Name = "app" } }],
        bound ? [new RoleBinding { Metadata = new ObjectMeta { Name = "b", Namespace = "team" }, Spec = new RoleBindingSpec { Role = Roles.Edit, Subjects = [new Subject { Name = "app" }] } }] : [],
        [],
        []);
}
