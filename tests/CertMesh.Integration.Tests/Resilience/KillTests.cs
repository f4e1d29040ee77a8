using CertMesh.Integration.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace CertMesh.Integration.Tests.Resilience;

/// <summary>
/// SIGKILL a service in the middle of a batch, start it again, and every certificate still ends issued exactly
/// once: revision 1, one CertificateRequest, and one CertificateIssued message (redeliveries share its MessageId).
/// </summary>
[Collection(StackCollection.Name)]
public sealed class KillTests(StackFixture stack, ITestOutputHelper output)
{
    const int BatchSize = 200;

    [Theory]
    [InlineData("Trigger")]
    [InlineData("KeyManager")]
    [InlineData("Issuing")]
    public async Task Batch_ServiceKilledMidway_EveryCertificateIssuedExactlyOnce(string service)
    {
        var ns = "it-kill-" + service.ToLowerInvariant();
        var names = Enumerable.Range(0, BatchSize).Select(i => $"c{i}").ToList();

        // Publish at a steady pace so the kill lands while work is in every stage of the pipeline.
        var published = 0;
        var publishing = Task.Run(async () =>
        {
            foreach (var name in names)
            {
                await stack.Bus.Publish(Commands.Issue(ns, name));
                Interlocked.Increment(ref published);
                await Task.Delay(20);
            }
        });
        await stack.Events.WaitUntilAsync(() => Volatile.Read(ref published) >= BatchSize / 3, TimeSpan.FromSeconds(60), $"a third of {ns} published");
        stack.Service(service).Kill();
        output.WriteLine($"killed {service} with {Volatile.Read(ref published)} published and {IssuedCount(ns)} issued of {BatchSize}");
        await Task.Delay(500);
        stack.Service(service).Start();
        await stack.Service(service).WaitHealthyAsync(TimeSpan.FromSeconds(60));
        await publishing;

        await stack.Events.WaitUntilAsync(() => IssuedCount(ns) == BatchSize, TimeSpan.FromSeconds(120), $"all of {ns} issued");
        await Task.Delay(TimeSpan.FromSeconds(2));

        foreach (var name in names)
        {
            var messages = stack.Events.Issued.Where(r => r.Message.Namespace == ns && r.Message.Name == name).ToList();
            Assert.True(messages.Select(m => m.MessageId).Distinct().Count() == 1, $"{ns}/{name}: {messages.Count} CertificateIssued with distinct ids");
            Assert.All(messages, m => Assert.Equal(1, m.Message.Revision));
        }
        Assert.Equal((long)BatchSize, await stack.ScalarAsync<long>(
            "SELECT count(*) FROM resources WHERE kind = 'Certificate' AND namespace = @ns AND (doc->'status'->>'revision')::int = 1 AND doc->'status'->'issuingRevision' IS NULL", ("ns", ns)));
        Assert.Equal((long)BatchSize, await stack.ScalarAsync<long>(
            "SELECT count(*) FROM resources WHERE kind = 'CertificateRequest' AND namespace = @ns", ("ns", ns)));
        Assert.Equal((long)BatchSize, await stack.ScalarAsync<long>("SELECT count(*) FROM secrets WHERE namespace = @ns", ("ns", ns)));
    }

    int IssuedCount(string ns) => stack.Events.Issued.Where(r => r.Message.Namespace == ns).Select(r => r.Message.Name).Distinct().Count();
}
