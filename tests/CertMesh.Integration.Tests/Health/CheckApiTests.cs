using System.Net.Http.Json;
using System.Text.Json;
using CertMesh.Integration.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace CertMesh.Integration.Tests.Health;

/// <summary>
/// <c>certmesh check api</c> on the real stack: every service writes heartbeats, the Api judges them, and the CLI says
/// ready — or, with one service process killed, names that one and exits non-zero. The suite beats every second
/// (CERTMESH_HEARTBEAT_INTERVAL=1s), so a heartbeat is stale after 3 s.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class CheckApiTests(StackFixture stack, ITestOutputHelper output)
{
    static readonly string[] Services = ["Api", "Trigger", "KeyManager", "Issuing", "AcmeOrder", "ChallengeSolver", "DnsWebhook", "Edge"];

    [Fact]
    public async Task CheckApi_StackUp_ReadyListingEveryService()
    {
        var result = await CliRunner.RunUncheckedAsync(stack, "check", "api", "--wait", "30s", "--interval", "1s");
        output.WriteLine(result.Out + result.Err);

        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}: {result.Out}{result.Err}");
        Assert.StartsWith("The CertMesh API is ready\n", result.Out);
        foreach (var service in Services)
            Assert.Contains($"\n{service} ", result.Out);
        Assert.Matches($@"\nChallengeSolver\s+True\s+{StackFixture.SolverReplicas}/{StackFixture.SolverReplicas}\s", result.Out);
    }

    [Fact]
    public async Task CheckApi_DnsWebhookKilled_NamesItAndExitsNonZero()
    {
        var dnsWebhook = stack.Service("DnsWebhook");
        dnsWebhook.Kill();
        try
        {
            // Until its last heartbeat is stale the stack still looks ready, and check api would rightly say so.
            await Eventually.UntilAsync(() => ReadyOfAsync("DnsWebhook"), ready => !ready, "DnsWebhook reported not ready", TimeSpan.FromSeconds(30));

            var result = await CliRunner.RunUncheckedAsync(stack, "check", "api", "--wait", "10s", "--interval", "1s");
            output.WriteLine($"exit {result.ExitCode}\n{result.Out}{result.Err}");

            Assert.Equal(1, result.ExitCode);
            Assert.StartsWith("The CertMesh API is not ready\n", result.Out);
            var line = Assert.Single(result.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Matches(@"^not ready: DnsWebhook — no heartbeat for \d+s$", line);
        }
        finally
        {
            dnsWebhook.Start();
            await dnsWebhook.WaitHealthyAsync(TimeSpan.FromSeconds(60));
        }

        var recovered = await CliRunner.RunUncheckedAsync(stack, "check", "api", "--wait", "30s", "--interval", "1s");
        Assert.True(recovered.ExitCode == 0, $"exit {recovered.ExitCode} after restarting DnsWebhook: {recovered.Out}{recovered.Err}");
    }

    async Task<bool> ReadyOfAsync(string service)
    {
        using var client = stack.ApiClient();
        var health = await client.GetFromJsonAsync<JsonElement>("/api/health");
        return health.GetProperty("services").EnumerateArray()
            .Single(s => s.GetProperty("name").GetString() == service)
            .GetProperty("ready").GetBoolean();
    }
}
