using System.Globalization;
using CertMesh.Integration.Tests.Acme;
using CertMesh.Integration.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace CertMesh.Integration.Tests.Observability;

/// <summary>
/// After a real ACME DNS-01 issuance, each service's <c>/metrics</c> shows the series it owns: AcmeOrder cert-manager's
/// ACME client series, Issuing the issuance duration, ChallengeSolver the DNS-01 propagation time and (from its one
/// leading replica) the challenge queue, Trigger the outbox backlog.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class ServiceMetricsTests(StackFixture stack, ITestOutputHelper output)
{
    [Fact]
    public async Task Issue_AcmeDns01_EachServiceExportsTheSeriesItOwns()
    {
        const string ns = "it-dns-rfc2136";
        await DnsIssuers.ApplyAsync(stack);
        var name = $"{Guid.NewGuid():N}"[..12] + ".example.test";

        await stack.Bus.Publish(AcmeCommands.IssueWith(DnsIssuers.Rfc2136, ns, "measured", name));
        await stack.WaitForIssuedAsync(ns, "measured", timeout: TimeSpan.FromSeconds(120));

        var acmeOrder = await ScrapeAsync("AcmeOrder");
        Assert.Contains(acmeOrder, line => line.StartsWith("certmanager_http_acme_client_request_count{", StringComparison.Ordinal)
            && line.Contains("action=\"new_order\"", StringComparison.Ordinal) && line.Contains("method=\"POST\"", StringComparison.Ordinal));
        Assert.Contains("# TYPE certmanager_http_acme_client_request_duration_seconds summary", acmeOrder);

        // Observed after the commit that published CertificateIssued: the scrape may come a moment before it.
        await EventuallyAsync(async () => Sum(await ScrapeAsync("Issuing"), "certmesh_issuance_duration_seconds_count{issuer_type=\"acme\"") > 0,
            "Issuing's certmesh_issuance_duration_seconds_count for acme");

        var solvers = await Task.WhenAll(Enumerable.Range(1, StackFixture.SolverReplicas).Select(i => ScrapeAsync($"ChallengeSolver@{i}")));
        Assert.True(solvers.Sum(lines => Sum(lines, "certmesh_dns01_propagation_seconds_count")) > 0, "no replica measured a DNS-01 propagation");

        // Shared tables are exported once: by the replica leading the feed.
        await EventuallyAsync(async () =>
        {
            var scraped = await Task.WhenAll(Enumerable.Range(1, StackFixture.SolverReplicas).Select(i => ScrapeAsync($"ChallengeSolver@{i}")));
            return scraped.Count(lines => lines.Any(l => l.StartsWith("certmesh_challenges{state=\"queued\"}", StringComparison.Ordinal))) == 1;
        }, "exactly one ChallengeSolver replica exporting certmesh_challenges");
        await EventuallyAsync(async () => (await ScrapeAsync("Trigger")).Any(l => l.StartsWith("certmesh_outbox_backlog_messages ", StringComparison.Ordinal)),
            "Trigger's certmesh_outbox_backlog_messages");
    }

    async Task<IReadOnlyList<string>> ScrapeAsync(string service)
    {
        using var http = new HttpClient { BaseAddress = stack.Service(service).BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        var text = await http.GetStringAsync("/metrics");
        return text.Split('\n');
    }

    static double Sum(IEnumerable<string> lines, string prefix) =>
        lines.Where(l => l.StartsWith(prefix, StringComparison.Ordinal))
            .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));

    async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"{what}: not seen within 20 s");
            await Task.Delay(250);
        }
        output.WriteLine($"seen: {what}");
    }
}
