using CertMesh.Api.Health;
using CertMesh.Persistence.Health;
using Xunit;

namespace CertMesh.Api.Tests.Health;

public sealed class ServiceReadinessTests
{
    static readonly DateTimeOffset Now = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);
    static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(15);

    static Heartbeat Beat(string service, string replica, string status, int secondsAgo, string detail = "") =>
        new(service, replica, status, detail, Now.AddHours(-1), Now.AddSeconds(-secondsAgo));

    static ServiceHealth Only(string service, params Heartbeat[] rows) =>
        Assert.Single(ServiceReadiness.Decide([service], rows, Now, StaleAfter).Services);

    [Fact]
    public void Decide_EveryServiceHealthyAndFresh_Ready()
    {
        var verdict = ServiceReadiness.Decide(["Api", "Trigger"], [Beat("Api", "Api", "Healthy", 0), Beat("Trigger", "Trigger", "Healthy", 4)], Now, StaleAfter);

        Assert.True(verdict.Ready);
        Assert.All(verdict.Services, s => Assert.Null(s.Reason));
    }

    [Theory]
    [InlineData(15, true)]
    [InlineData(16, false)]
    public void Decide_HeartbeatAtTheStaleBoundary_FreshUpToStaleAfter(int secondsAgo, bool ready)
    {
        Assert.Equal(ready, Only("Trigger", Beat("Trigger", "Trigger", "Healthy", secondsAgo)).Ready);
    }

    [Fact]
    public void Decide_NoRows_NotReadySayingNoHeartbeat()
    {
        var service = Only("Issuing");

        Assert.False(service.Ready);
        Assert.Equal("no heartbeat recorded (is it running?)", service.Reason);
    }

    [Fact]
    public void Decide_StaleHealthyHeartbeat_NotReadyWithAge()
    {
        Assert.Equal("no heartbeat for 42s", Only("ChallengeSolver", Beat("ChallengeSolver", "c1", "Healthy", 42)).Reason);
    }

    [Fact]
    public void Decide_FreshUnhealthy_ReasonCarriesStatusAndDetail()
    {
        var service = Only("Issuing", Beat("Issuing", "Issuing", "Unhealthy", 2, "masstransit-bus: Not ready: rabbitmq unreachable"));

        Assert.False(service.Ready);
        Assert.Equal("Unhealthy: masstransit-bus: Not ready: rabbitmq unreachable", service.Reason);
    }

    [Fact]
    public void Decide_Degraded_NotReady()
    {
        Assert.Equal("Degraded", Only("Edge", Beat("Edge", "Edge", "Degraded", 1)).Reason);
    }

    [Fact]
    public void Decide_StoppedReplica_SaysStoppedAndWhen()
    {
        Assert.Equal("stopped 3s ago", Only("KeyManager", Beat("KeyManager", "KeyManager", Heartbeat.Stopped, 3)).Reason);
    }

    [Fact]
    public void Decide_OneHealthyReplicaAmongFailingOnes_Ready()
    {
        var service = Only("ChallengeSolver",
            Beat("ChallengeSolver", "ChallengeSolver@1", "Unhealthy", 1, "postgresql: PostgreSQL is unreachable"),
            Beat("ChallengeSolver", "ChallengeSolver@2", "Healthy", 2),
            Beat("ChallengeSolver", "ChallengeSolver@3", "Healthy", 300));

        Assert.True(service.Ready);
        Assert.Equal(["ChallengeSolver@1", "ChallengeSolver@2", "ChallengeSolver@3"], service.Replicas.Select(r => r.Heartbeat.Replica));
        Assert.Equal([true, true, false], service.Replicas.Select(r => r.Fresh));
    }

    [Fact]
    public void Decide_SeveralReplicasNoneHealthy_NamesEachReportingReplica()
    {
        var service = Only("ChallengeSolver",
            Beat("ChallengeSolver", "ChallengeSolver@1", "Unhealthy", 1, "postgresql: PostgreSQL is unreachable"),
            Beat("ChallengeSolver", "ChallengeSolver@2", "Degraded", 2),
            Beat("ChallengeSolver", "ChallengeSolver@3", "Healthy", 300));

        Assert.Equal("ChallengeSolver@1: Unhealthy: postgresql: PostgreSQL is unreachable; ChallengeSolver@2: Degraded", service.Reason);
    }

    [Fact]
    public void Decide_SeveralReplicasAllStale_NamesTheLatestOne()
    {
        var service = Only("ChallengeSolver",
            Beat("ChallengeSolver", "ChallengeSolver@1", "Healthy", 600),
            Beat("ChallengeSolver", "ChallengeSolver@2", "Healthy", 50));

        Assert.Equal("ChallengeSolver@2: no heartbeat for 50s", service.Reason);
    }

    [Fact]
    public void Decide_OneServiceMissing_VerdictNotReadyOthersStillReady()
    {
        var verdict = ServiceReadiness.Decide(["Api", "DnsWebhook"], [Beat("Api", "Api", "Healthy", 0)], Now, StaleAfter);

        Assert.False(verdict.Ready);
        Assert.Equal([true, false], verdict.Services.Select(s => s.Ready));
    }

    [Fact]
    public void Decide_HeartbeatFromTheFuture_AgedZeroAndFresh()
    {
        var replica = Assert.Single(Only("Trigger", Beat("Trigger", "Trigger", "Healthy", -5)).Replicas);

        Assert.Equal((TimeSpan.Zero, true), (replica.Age, replica.Fresh));
    }

    [Theory]
    [InlineData(42, "42s")]
    [InlineData(119, "119s")]
    [InlineData(600, "10m")]
    [InlineData(10800, "3h")]
    public void Ago_Durations_WholeUnits(int seconds, string expected)
    {
        Assert.Equal(expected, ServiceReadiness.Ago(TimeSpan.FromSeconds(seconds)));
    }
}
