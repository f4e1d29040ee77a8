using CertMesh.Persistence.Database;
using CertMesh.Persistence.Resources;
using CertMesh.Persistence.Tests.Support;

namespace CertMesh.Persistence.Tests.Database;

public sealed class ConcurrencyRetryTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    readonly TestDatabase _db = fixture.Db;
    static CancellationToken None => CancellationToken.None;

    static Widget Grow(Widget widget) => widget with { Spec = widget.Spec with { Size = widget.Spec.Size + 1 } };

    async Task<ResourceKey> CreateAsync(string name, int size = 0)
    {
        var key = new ResourceKey(Widget.Kind, "retry", name);
        await _db.Database.RunAsync(u => u.Resources.CreateAsync(key, Guid.NewGuid(), Widget.Named(key.Namespace, key.Name, size), null, None), None);
        return key;
    }

    async Task<Stored<Widget>> ReadAsync(ResourceKey key) =>
        (await _db.Database.RunAsync(u => u.Resources.GetAsync<Widget>(key, None), None))!;

    /// <summary>Another writer commits while the first is between its read and its write, once or every time.</summary>
    Func<Widget, Widget> GrowAfterOtherWriter(ResourceKey key, Func<int, bool> interfere, Action? counted = null)
    {
        var calls = 0;
        return widget =>
        {
            counted?.Invoke();
            if (interfere(++calls))
                Task.Run(() => _db.Database.UpdateWithRetryAsync<Widget>(key, Grow, None)).GetAwaiter().GetResult();
            return Grow(widget);
        };
    }

    [Fact]
    public async Task UpdateWithRetryAsync_OtherWriterBetweenReadAndWrite_BothLand()
    {
        var key = await CreateAsync("interleaved");
        var calls = 0;

        var written = await _db.Database.UpdateWithRetryAsync(key, GrowAfterOtherWriter(key, call => call == 1, () => calls++), None);

        var stored = await ReadAsync(key);
        Assert.Equal(2, stored.Document.Spec.Size);
        Assert.Equal(3, stored.ResourceVersion);
        Assert.Equal(2, calls);
        Assert.Equal(stored.ResourceVersion, written!.ResourceVersion);
    }

    [Fact]
    public async Task UpdateWithRetryAsync_ConcurrentWriters_EveryIncrementLands()
    {
        var key = await CreateAsync("concurrent");

        await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < 10; i++)
                await _db.Database.UpdateWithRetryAsync<Widget>(key, Grow, None, attempts: 20);
        })));

        var stored = await ReadAsync(key);
        Assert.Equal(20, stored.Document.Spec.Size);
        Assert.Equal(21, stored.ResourceVersion);
    }

    [Fact]
    public async Task UpdateWithRetryAsync_ConflictOnEveryAttempt_ThrowsAfterTheLastAttempt()
    {
        var key = await CreateAsync("hopeless");
        var calls = 0;

        await Assert.ThrowsAsync<ResourceConflictException>(() =>
            _db.Database.UpdateWithRetryAsync(key, GrowAfterOtherWriter(key, _ => true, () => calls++), None, attempts: 3));

        Assert.Equal(3, calls);
        Assert.Equal(3, (await ReadAsync(key)).Document.Spec.Size);
    }

    [Fact]
    public async Task UpdateWithRetryAsync_MissingResource_ReturnsNull()
    {
        var written = await _db.Database.UpdateWithRetryAsync<Widget>(new ResourceKey(Widget.Kind, "retry", "absent"), Grow, None);

        Assert.Null(written);
    }

    [Fact]
    public async Task UpdateWithRetryAsync_MutateReturnsItsArgument_WritesNothing()
    {
        var key = await CreateAsync("unchanged");

        var written = await _db.Database.UpdateWithRetryAsync<Widget>(key, widget => widget, None);

        Assert.Equal(1, written!.ResourceVersion);
        Assert.Equal(1, (await ReadAsync(key)).ResourceVersion);
    }

    [Fact]
    public async Task UpdateWithRetryAsync_InCallersUnitWithStaleRead_RereadsInTheSameTransaction()
    {
        var key = await CreateAsync("in-unit", size: 5);
        await using var unit = await _db.Database.BeginAsync(None);
        var stale = await unit.Resources.GetAsync<Widget>(key, None);
        await _db.Database.UpdateWithRetryAsync<Widget>(key, Grow, None);
        var seen = new List<int>();

        var written = await unit.UpdateWithRetryAsync<Widget>(key, widget => { seen.Add(widget.Spec.Size); return Grow(widget); }, None, stale);
        await unit.CommitAsync(None);

        Assert.Equal(new[] { 5, 6 }, seen);
        Assert.Equal(7, written!.Document.Spec.Size);
        Assert.Equal(7, (await ReadAsync(key)).Document.Spec.Size);
    }

    [Fact]
    public async Task RunWithRetryAsync_ConflictOnFirstAttempt_RollsItBackAndRunsAgainInAFreshUnit()
    {
        var taken = await CreateAsync("taken");
        var attempts = 0;

        var result = await _db.Database.RunWithRetryAsync(async unit =>
        {
            var attempt = ++attempts;
            var key = new ResourceKey(Widget.Kind, "retry", $"attempt-{attempt}");
            await unit.Resources.CreateAsync(key, Guid.NewGuid(), Widget.Named(key.Namespace, key.Name), null, None);
            if (attempt == 1)
                await unit.Resources.CreateAsync(taken, Guid.NewGuid(), Widget.Named(taken.Namespace, taken.Name), null, None);
            return attempt;
        }, None);

        Assert.Equal(2, result);
        Assert.Null(await _db.Database.RunAsync(u => u.Resources.GetAsync<Widget>(new ResourceKey(Widget.Kind, "retry", "attempt-1"), None), None));
        Assert.NotNull(await _db.Database.RunAsync(u => u.Resources.GetAsync<Widget>(new ResourceKey(Widget.Kind, "retry", "attempt-2"), None), None));
    }

    [Theory]
    [InlineData(1, 20)]
    [InlineData(2, 40)]
    [InlineData(4, 160)]
    [InlineData(30, 640)]
    public void Backoff_Attempt_StaysBetweenFiveMillisecondsAndItsCeiling(int tried, int ceilingMs)
    {
        for (var i = 0; i < 100; i++)
        {
            var delay = ConcurrencyRetry.Backoff(tried);
            Assert.InRange(delay.TotalMilliseconds, 5, ceilingMs);
        }
    }
}
