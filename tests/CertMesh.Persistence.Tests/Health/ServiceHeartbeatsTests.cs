using CertMesh.Persistence.Health;
using CertMesh.Persistence.Tests.Support;

namespace CertMesh.Persistence.Tests.Health;

public sealed class ServiceHeartbeatsTests
{
    static readonly TimeSpan Retention = TimeSpan.FromHours(1);

    [Fact]
    public async Task BeatAsync_SameReplicaTwice_OneRowWithTheLatestStatus()
    {
        await using var db = await TestDatabase.CreateAsync();
        var started = new DateTimeOffset(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

        await ServiceHeartbeats.BeatAsync(db.DataSource, "Issuing", "Issuing", "Healthy", "", started, Retention, CancellationToken.None);
        await ServiceHeartbeats.BeatAsync(db.DataSource, "Issuing", "Issuing", "Unhealthy", "masstransit-bus: Not ready", started, Retention, CancellationToken.None);
        var (rows, now) = await ServiceHeartbeats.ReadAsync(db.DataSource, CancellationToken.None);

        var row = Assert.Single(rows);
        Assert.Equal(("Issuing", "Issuing", "Unhealthy", "masstransit-bus: Not ready", started), (row.Service, row.Replica, row.Status, row.Detail, row.StartedAt));
        Assert.InRange(now - row.SeenAt, TimeSpan.Zero, TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task BeatAsync_ReplicaSilentPastRetention_Pruned()
    {
        await using var db = await TestDatabase.CreateAsync();
        await ServiceHeartbeats.BeatAsync(db.DataSource, "ChallengeSolver", "ChallengeSolver@1", "Healthy", "", DateTimeOffset.UtcNow, Retention, CancellationToken.None);
        await ServiceHeartbeats.BeatAsync(db.DataSource, "ChallengeSolver", "ChallengeSolver@2", "Healthy", "", DateTimeOffset.UtcNow, Retention, CancellationToken.None);
        await db.ExecuteAsync("UPDATE service_heartbeats SET seen_at = now() - interval '2 hours' WHERE replica = 'ChallengeSolver@1'");

        await ServiceHeartbeats.BeatAsync(db.DataSource, "Trigger", "Trigger", "Healthy", "", DateTimeOffset.UtcNow, Retention, CancellationToken.None);
        var (rows, _) = await ServiceHeartbeats.ReadAsync(db.DataSource, CancellationToken.None);

        Assert.Equal(["ChallengeSolver@2", "Trigger"], rows.Select(r => r.Replica));
    }

    [Fact]
    public async Task ReadAsync_NoRows_StillGivesTheDatabaseClock()
    {
        await using var db = await TestDatabase.CreateAsync();

        var (rows, now) = await ServiceHeartbeats.ReadAsync(db.DataSource, CancellationToken.None);

        Assert.Empty(rows);
        Assert.InRange(now, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
    }
}
