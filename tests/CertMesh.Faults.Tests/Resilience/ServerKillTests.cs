using CertMesh.Faults.Tests.Support;

namespace CertMesh.Faults.Tests.Resilience;

/// <summary>
/// The servers themselves SIGKILLed and restarted in the middle of a batch of request/response issuances: every
/// certificate ends issued exactly once (revision 1, one CertificateRequest, one CertificateIssued id) and every
/// request is answered — the broker's crash loses no reply, the database's loses no acknowledged work. While a server
/// is down every service says so on /ready (503) and stays alive (/alive 200); once it is back they are ready again.
/// </summary>
[Collection(FaultStackCollection.Name)]
public sealed class ServerKillTests(FaultStack stack, ITestOutputHelper output)
{
    const int BatchSize = 300;

    [Fact]
    public async Task Batch_RabbitMqKilledAndRestartedMidway_EveryCertificateIssuedOnceAndEveryRequestAnswered()
    {
        var report = await new IssuanceBatch(stack, "faults-rabbitmq", BatchSize).RunAsync(1.0 / 3, async () =>
        {
            await stack.Servers.KillRabbitMqAsync();
            await stack.WaitForReadinessAsync(503, TimeSpan.FromSeconds(30));
            await stack.Servers.RestartAsync();
            await stack.WaitForReadinessAsync(200, TimeSpan.FromSeconds(90));
        }, output);

        AssertExactlyOnce(report);
    }

    [Fact]
    public async Task Batch_PostgresKilledAndRestartedMidway_EveryCertificateIssuedOnceAndEveryRequestAnswered()
    {
        var report = await new IssuanceBatch(stack, "faults-postgres", BatchSize).RunAsync(1.0 / 3, async () =>
        {
            await stack.Servers.KillPostgresAsync();
            await stack.WaitForReadinessAsync(503, TimeSpan.FromSeconds(30));
            await stack.Servers.RestartAsync();
            await stack.WaitForReadinessAsync(200, TimeSpan.FromSeconds(90));
        }, output);

        AssertExactlyOnce(report);
    }

    static void AssertExactlyOnce(BatchReport report)
    {
        Assert.True(report is { Unanswered: 0, Faulted: 0, Rejected: 0, Lost: 0, Duplicated: 0 }, report.ToString());
        Assert.Equal(BatchSize, report.Accepted);
        Assert.Equal(BatchSize, report.Issued);
        Assert.Equal(BatchSize, report.CertificatesAtRevision1);
        Assert.Equal(BatchSize, report.CertificateRequests);
        Assert.Equal(BatchSize, report.Secrets);
    }
}
