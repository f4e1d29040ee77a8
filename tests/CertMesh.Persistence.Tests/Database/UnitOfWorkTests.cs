using CertMesh.Persistence.Messaging;
using CertMesh.Persistence.Resources;
using CertMesh.Persistence.Tests.Support;
using Npgsql;

namespace CertMesh.Persistence.Tests.Database;

/// <summary>A resource change and its outgoing message commit together or not at all.</summary>
public sealed class UnitOfWorkTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    readonly TestDatabase _db = fixture.Db;

    [Fact]
    public async Task CommitAsync_BeforeCommit_ChangesAndOutboxRowsInvisibleToOthers()
    {
        var key = new ResourceKey(Widget.Kind, "uow", "before-commit");
        var marker = Guid.NewGuid();

        await using (var unit = await _db.Database.BeginAsync(CancellationToken.None))
        {
            await unit.Resources.CreateAsync(key, Guid.NewGuid(), Widget.Named(key.Namespace, key.Name), null, CancellationToken.None);
            await unit.Outbox.PublishAsync(new UnitOfWorkProbe { Marker = marker }, CancellationToken.None);

            // Inside the transaction the changes are there ...
            Assert.NotNull(await unit.Resources.GetAsync<Widget>(key, CancellationToken.None));
            // ... but another connection sees neither.
            Assert.Equal(0L, await CountResourceAsync(key));
            Assert.Equal(0L, await CountOutboxAsync(marker));

            await unit.CommitAsync(CancellationToken.None);
        }

        Assert.Equal(1L, await CountResourceAsync(key));
        Assert.Equal(1L, await CountOutboxAsync(marker));
    }

    [Fact]
    public async Task DisposeAsync_WithoutCommit_RollsBackChangesAndOutboxRows()
    {
        var key = new ResourceKey(Widget.Kind, "uow", "rolled-back");
        var marker = Guid.NewGuid();

        await using (var unit = await _db.Database.BeginAsync(CancellationToken.None))
        {
            await unit.Resources.CreateAsync(key, Guid.NewGuid(), Widget.Named(key.Namespace, key.Name), null, CancellationToken.None);
            await unit.Outbox.PublishAsync(new UnitOfWorkProbe { Marker = marker }, CancellationToken.None);
            await unit.Outbox.ScheduleAsync(new UnitOfWorkProbe { Marker = marker }, DateTimeOffset.UtcNow.AddMinutes(5), CancellationToken.None);
            Assert.Equal(0L, await CountOutboxAsync(marker));
        }

        Assert.Equal(0L, await CountResourceAsync(key));
        Assert.Equal(0L, await CountOutboxAsync(marker));
        // Nothing half-done either: the same key can be created afresh.
        await _db.Database.RunAsync(u => u.Resources.CreateAsync(key, Guid.NewGuid(), Widget.Named(key.Namespace, key.Name), null, CancellationToken.None), CancellationToken.None);
        Assert.Equal(1L, await CountResourceAsync(key));
    }

    [Fact]
    public async Task DisposeAsync_AfterFailedStatement_RollsBackAndReturnsConnection()
    {
        var key = new ResourceKey(Widget.Kind, "uow", "failed-statement");

        await using (var unit = await _db.Database.BeginAsync(CancellationToken.None))
        {
            await unit.Resources.CreateAsync(key, Guid.NewGuid(), Widget.Named(key.Namespace, key.Name), null, CancellationToken.None);
            await using var bad = unit.Command("SELECT 1/0");
            await Assert.ThrowsAsync<PostgresException>(() => bad.ExecuteScalarAsync());
        }

        Assert.Equal(0L, await CountResourceAsync(key));
        Assert.Equal(1, await _db.Database.RunAsync(async u =>
        {
            await using var command = u.Command("SELECT 1");
            return (int)(await command.ExecuteScalarAsync())!;
        }, CancellationToken.None));
    }

    [Fact]
    public async Task CommitAsync_ConstraintViolatedAtCommit_ThrowsTheServerErrorAndKeepsNothing()
    {
        // A deferred constraint is checked by COMMIT itself: the one way a commit fails on a healthy connection.
        await _db.ExecuteAsync("CREATE TABLE IF NOT EXISTS commit_probe (id int PRIMARY KEY DEFERRABLE INITIALLY DEFERRED)");
        var marker = Guid.NewGuid();

        var error = await Assert.ThrowsAsync<PostgresException>(async () =>
        {
            await using var unit = await _db.Database.BeginAsync(CancellationToken.None);
            await unit.Outbox.PublishAsync(new UnitOfWorkProbe { Marker = marker }, CancellationToken.None);
            await using (var insert = unit.Command("INSERT INTO commit_probe VALUES (1), (1)"))
                await insert.ExecuteNonQueryAsync();
            await unit.CommitAsync(CancellationToken.None);
        });

        Assert.Equal(PostgresErrorCodes.UniqueViolation, error.SqlState);
        Assert.Equal(0L, await CountOutboxAsync(marker));
        Assert.Equal(0L, await _db.ScalarAsync<long>("SELECT count(*) FROM commit_probe"));
    }

    [Fact]
    public async Task CommitAsync_CancelledBeforeCommit_NothingPersistsAndPoolStaysUsable()
    {
        var key = new ResourceKey(Widget.Kind, "uow", "cancelled-commit");
        var marker = Guid.NewGuid();
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await using var unit = await _db.Database.BeginAsync(CancellationToken.None);
            await unit.Resources.CreateAsync(key, Guid.NewGuid(), Widget.Named(key.Namespace, key.Name), null, CancellationToken.None);
            await unit.Outbox.PublishAsync(new UnitOfWorkProbe { Marker = marker }, CancellationToken.None);
            await unit.CommitAsync(cancelled.Token);
        });

        Assert.Equal(0L, await CountResourceAsync(key));
        Assert.Equal(0L, await CountOutboxAsync(marker));
        // Every pooled connection comes back without a transaction left open on it.
        var units = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => _db.Database.BeginAsync(CancellationToken.None)));
        foreach (var unit in units)
        {
            Assert.Null(await unit.Resources.GetAsync<Widget>(key, CancellationToken.None));
            await unit.DisposeAsync();
        }
    }

    Task<long> CountResourceAsync(ResourceKey key) =>
        _db.ScalarAsync<long>("SELECT count(*) FROM resources WHERE kind = @k AND namespace = @ns AND name = @n",
            ("k", key.Kind), ("ns", key.Namespace), ("n", key.Name));

    Task<long> CountOutboxAsync(Guid marker) =>
        _db.ScalarAsync<long>("SELECT count(*) FROM outbox WHERE message_type = @t AND body->>'marker' = @m",
            ("t", MessageTypeName.Of(typeof(UnitOfWorkProbe))), ("m", marker.ToString()));
}

public sealed record UnitOfWorkProbe
{
    public Guid Marker { get; init; }
}
