using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using CertMesh.Dns.Resolver;
using CertMesh.Dns.Wire;
using CertMesh.Testing;
using CertMesh.WebhookSolver.Tests.Support;

namespace CertMesh.WebhookSolver.Tests.Solving;

/// <summary>Present and CleanUp through HTTP against the real BIND; every test writes under its own random name.</summary>
public class TxtSolverTests(SolverFixture fixture) : IClassFixture<SolverFixture>
{
    readonly DnsResolver resolver = new();
    SolverHost Host => fixture.Host;

    [Fact]
    public async Task Present_NewName_TxtQueryAnswersTheKey()
    {
        var fqdn = Bind.RandomFqdn("present");

        var response = await Host.SolveAsync(Payloads.Present(fqdn, "key-present"));

        Assert.True((bool)response["success"]!, response.ToJsonString());
        Assert.Null(response["status"]);
        Assert.Equal(["key-present"], await TxtValuesAsync(fqdn));
        await Host.SolveAsync(Payloads.CleanUp(fqdn, "key-present"));
    }

    [Fact]
    public async Task Present_WithPropagationDelay_AnswersAtOnceAndPublishesLater()
    {
        await using var host = await SolverHost.StartAsync(new Dictionary<string, string?> { ["WEBHOOK_PROPAGATION_DELAY_SECONDS"] = "1" });
        var fqdn = Bind.RandomFqdn("delayed");

        var response = await host.SolveAsync(Payloads.Present(fqdn, "key-delayed"));

        Assert.True((bool)response["success"]!, response.ToJsonString());
        Assert.Empty(await TxtValuesAsync(fqdn));
        await Eventually.UntilAsync(() => TxtValuesAsync(fqdn), values => values.Length == 1, TimeSpan.FromSeconds(10), "the delayed value in BIND");
        await host.SolveAsync(Payloads.CleanUp(fqdn, "key-delayed"));
        Assert.Empty(await TxtValuesAsync(fqdn));
    }

    [Fact]
    public async Task CleanUp_OneOfTwoValues_LeavesTheOther()
    {
        var fqdn = Bind.RandomFqdn("two");
        await Host.SolveAsync(Payloads.Present(fqdn, "key-apex"));
        await Host.SolveAsync(Payloads.Present(fqdn, "key-wildcard"));
        Assert.Equal(["key-apex", "key-wildcard"], await TxtValuesAsync(fqdn));

        var response = await Host.SolveAsync(Payloads.CleanUp(fqdn, "key-apex"));

        Assert.True((bool)response["success"]!, response.ToJsonString());
        Assert.Equal(["key-wildcard"], await TxtValuesAsync(fqdn));
        await Host.SolveAsync(Payloads.CleanUp(fqdn, "key-wildcard"));
        Assert.Empty(await TxtValuesAsync(fqdn));
    }

    [Fact]
    public async Task CleanUp_AbsentValue_Succeeds()
    {
        var response = await Host.SolveAsync(Payloads.CleanUp(Bind.RandomFqdn("absent"), "never-presented"));

        Assert.True((bool)response["success"]!, response.ToJsonString());
    }

    [Fact]
    public async Task Present_SameValueTwice_KeepsOneValue()
    {
        var fqdn = Bind.RandomFqdn("twice");

        await Host.SolveAsync(Payloads.Present(fqdn, "key-twice"));
        var response = await Host.SolveAsync(Payloads.Present(fqdn, "key-twice"));

        // cert-manager retries Present until it sees the record; a retry must not fail or duplicate.
        Assert.True((bool)response["success"]!, response.ToJsonString());
        Assert.Equal(["key-twice"], await TxtValuesAsync(fqdn));
        await Host.SolveAsync(Payloads.CleanUp(fqdn, "key-twice"));
    }

    [Fact]
    public async Task Present_ConfigTtl_RecordCarriesIt()
    {
        var fqdn = Bind.RandomFqdn("ttl");
        var config = Payloads.BindConfig();
        config["ttl"] = 120;

        await Host.SolveAsync(Payloads.Present(fqdn, "key-ttl", config));

        var answer = await resolver.QueryAsync(Bind.Server, fqdn, DnsType.TXT);
        Assert.Equal(120u, Assert.Single(answer.Answers).Ttl);
        await Host.SolveAsync(Payloads.CleanUp(fqdn, "key-ttl", config));
    }

    [Fact]
    public async Task Present_Succeeded_LogsOneInformationLineWithActionFqdnAndUid()
    {
        var fqdn = Bind.RandomFqdn("log");
        var uid = Guid.NewGuid().ToString();

        await Host.SolveAsync(Payloads.Present(fqdn, "key-log", uid: uid));

        var line = Assert.Single(Host.Logs.Lines, l => l.Message.Contains(uid));
        Assert.Equal(LogLevel.Information, line.Level);
        Assert.Contains("Present", line.Message);
        Assert.Contains(fqdn, line.Message);
        Assert.DoesNotContain(Host.Logs.Lines, l => l.Message.Contains(Bind.Secret));
        await Host.SolveAsync(Payloads.CleanUp(fqdn, "key-log"));
    }

    [Fact]
    public async Task Present_WrongSecret_Fails403NamingKeyAndServerWithoutSecret()
    {
        await using var host = await SolverHost.StartAsync(new Dictionary<string, string?> { ["WEBHOOK_TSIG_SECRET"] = Bind.WrongSecret });
        var fqdn = Bind.RandomFqdn("badsig");

        var (status, text) = await host.PostRawAsync(Payloads.Present(fqdn, "key-badsig").ToJsonString());

        Assert.Equal(HttpStatusCode.OK, status);
        var response = JsonNode.Parse(text)!["response"]!;
        Assert.False((bool)response["success"]!);
        AssertStatus(response, 403, "Forbidden");
        var message = (string)response["status"]!["message"]!;
        Assert.Contains($"TSIG key {Bind.KeyName}", message);
        Assert.Contains(Bind.Server.ToString(), message);
        Assert.DoesNotContain(Bind.WrongSecret, text);
        Assert.DoesNotContain(Bind.Secret, text);
        Assert.DoesNotContain(host.Logs.Lines, l => l.Message.Contains(Bind.WrongSecret));
        Assert.Empty(await TxtValuesAsync(fqdn));
    }

    [Fact]
    public async Task Present_ConfigKeyNameBindDoesNotKnow_Fails403NamingThatKey()
    {
        var config = Payloads.BindConfig();
        config["tsigKeyName"] = "no-such-key";

        var response = await Host.SolveAsync(Payloads.Present(Bind.RandomFqdn("badkey"), "key-badkey", config));

        Assert.False((bool)response["success"]!);
        AssertStatus(response, 403, "Forbidden");
        Assert.Contains("TSIG key no-such-key", (string)response["status"]!["message"]!);
    }

    [Fact]
    public async Task Present_ZoneBindDoesNotServe_Fails502WithServersAnswer()
    {
        var zone = $"not-served-{Guid.NewGuid():N}.test.";
        var payload = Payloads.Challenge("Present", "_acme-challenge." + zone, "key-notauth", zone: zone);

        var response = await Host.SolveAsync(payload);

        Assert.False((bool)response["success"]!);
        AssertStatus(response, 502, "BadGateway");
        Assert.Contains(Bind.Server.ToString(), (string)response["status"]!["message"]!);
    }

    [Fact]
    public async Task Present_NothingListening_Fails502()
    {
        int port;
        using (var probe = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0)))
            port = ((IPEndPoint)probe.Client.LocalEndPoint!).Port;
        var config = new JsonObject { ["nameserver"] = $"127.0.0.1:{port}" };

        var response = await Host.SolveAsync(Payloads.Present(Bind.RandomFqdn("closed"), "key-closed", config));

        Assert.False((bool)response["success"]!);
        AssertStatus(response, 502, "BadGateway");
        Assert.Contains($"127.0.0.1:{port}", (string)response["status"]!["message"]!);
    }

    [Fact]
    public async Task Present_SilentServer_Fails504NamingServer()
    {
        // A bound UDP socket that never answers stands in for a nameserver that is down or firewalled.
        using var silent = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var server = (IPEndPoint)silent.Client.LocalEndPoint!;
        await using var host = await SolverHost.StartAsync(new Dictionary<string, string?> { ["WEBHOOK_DNS_TIMEOUT_SECONDS"] = "0.3" });
        var config = new JsonObject { ["nameserver"] = server.ToString() };

        var response = await host.SolveAsync(Payloads.Present(Bind.RandomFqdn("silent"), "key-silent", config));

        Assert.False((bool)response["success"]!);
        AssertStatus(response, 504, "Timeout");
        Assert.Contains(server.ToString(), (string)response["status"]!["message"]!);
    }

    [Fact]
    public async Task Present_NameserverAsHostName_ResolvesAndSucceeds()
    {
        var fqdn = Bind.RandomFqdn("hostname");
        var config = new JsonObject { ["nameserver"] = $"localhost:{Bind.Server.Port}" };

        var response = await Host.SolveAsync(Payloads.Present(fqdn, "key-hostname", config));

        Assert.True((bool)response["success"]!, response.ToJsonString());
        Assert.Equal(["key-hostname"], await TxtValuesAsync(fqdn));
        await Host.SolveAsync(Payloads.CleanUp(fqdn, "key-hostname"));
    }

    static void AssertStatus(JsonNode response, int code, string reason)
    {
        var status = response["status"]!;
        Assert.Equal("v1", (string?)status["apiVersion"]);
        Assert.Equal("Status", (string?)status["kind"]);
        Assert.Equal("Failure", (string?)status["status"]);
        Assert.Equal(code, (int)status["code"]!);
        Assert.Equal(reason, (string?)status["reason"]);
    }

    async Task<string[]> TxtValuesAsync(string fqdn)
    {
        var answer = await resolver.QueryAsync(Bind.Server, fqdn, DnsType.TXT);
        return answer.Answers.Where(r => r.Type == DnsType.TXT).Select(r => ((TxtRecordData)r.Data).Text).Order(StringComparer.Ordinal).ToArray();
    }
}
