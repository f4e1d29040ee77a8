using CertMesh.Persistence.Health;
using CertMesh.Persistence.Tests.Support;
using Microsoft.Extensions.Hosting;

namespace CertMesh.Persistence.Tests.Health;

/// <summary>The heartbeat of a host built as every service builds it (AddCertMeshDefaults), on the real servers.</summary>
public sealed class HeartbeatWriterTests
{
    [Fact]
    public async Task HeartbeatWriter_HostStartsThenStops_HealthyRowThenStopped()
    {
        await using var db = await TestDatabase.CreateAsync();
        using var host = await ServiceHost.StartAsync(db, _ => { });

        var healthy = await Eventually.UntilAsync(() => RowsAsync(db), rows => rows.Any(r => r.Status == Heartbeat.Healthy), "a Healthy heartbeat");
        await host.StopAsync();
        var (after, _) = await ServiceHeartbeats.ReadAsync(db.DataSource, CancellationToken.None);

        var row = Assert.Single(healthy);
        Assert.Equal("testhost", row.Service); // the entry assembly, as CertMesh.Trigger names Trigger
        Assert.Equal((row.Replica, Heartbeat.Stopped), (Assert.Single(after).Replica, after[0].Status));
    }

    static async Task<IReadOnlyList<Heartbeat>> RowsAsync(TestDatabase db) => (await ServiceHeartbeats.ReadAsync(db.DataSource, CancellationToken.None)).Rows;
}
