using CertMesh.Persistence.Tests.Support;

namespace CertMesh.Persistence.Tests.Messaging;

public sealed class InboxTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    readonly TestDatabase _db = fixture.Db;
    static CancellationToken None => CancellationToken.None;

    [Fact]
    public async Task TryAcceptAsync_FirstDelivery_ReturnsTrue()
    {
        var accepted = await _db.Database.RunAsync(u => u.Inbox.TryAcceptAsync("issuing", Guid.NewGuid(), None), None);

        Assert.True(accepted);
    }

    [Fact]
    public async Task TryAcceptAsync_SameConsumerAndMessageAgain_ReturnsFalse()
    {
        var messageId = Guid.NewGuid();
        await _db.Database.RunAsync(u => u.Inbox.TryAcceptAsync("issuing", messageId, None), None);

        var again = await _db.Database.RunAsync(u => u.Inbox.TryAcceptAsync("issuing", messageId, None), None);

        Assert.False(again);
    }

    [Fact]
    public async Task TryAcceptAsync_SameMessageOtherConsumer_ReturnsTrue()
    {
        var messageId = Guid.NewGuid();
        await _db.Database.RunAsync(u => u.Inbox.TryAcceptAsync("issuing", messageId, None), None);

        var other = await _db.Database.RunAsync(u => u.Inbox.TryAcceptAsync("key-manager", messageId, None), None);

        Assert.True(other);
    }

    [Fact]
    public async Task TryAcceptAsync_AfterRolledBackAccept_ReturnsTrue()
    {
        var messageId = Guid.NewGuid();
        await using (var unit = await _db.Database.BeginAsync(None))
            Assert.True(await unit.Inbox.TryAcceptAsync("issuing", messageId, None));

        // The handler failed and its transaction rolled back, so the redelivery must be processed.
        var redelivery = await _db.Database.RunAsync(u => u.Inbox.TryAcceptAsync("issuing", messageId, None), None);

        Assert.True(redelivery);
        Assert.False(await _db.Database.RunAsync(u => u.Inbox.TryAcceptAsync("issuing", messageId, None), None));
    }

    [Fact]
    public async Task TryAcceptAsync_SameMessageInTwoOpenTransactions_OnlyOneCommitsAccepted()
    {
        var messageId = Guid.NewGuid();
        await using var first = await _db.Database.BeginAsync(None);
        Assert.True(await first.Inbox.TryAcceptAsync("issuing", messageId, None));

        // A concurrent redelivery either blocks on the uncommitted mark or runs after the commit: either way it is refused.
        var second = _db.Database.RunAsync(u => u.Inbox.TryAcceptAsync("issuing", messageId, None), None);
        await first.CommitAsync(None);

        Assert.False(await second.WithTimeout(TimeSpan.FromSeconds(10), "the concurrent accept"));
    }
}
