using CertMesh.Cli.Tests.Support;
using Xunit;

namespace CertMesh.Cli.Tests.Commands;

public sealed class CheckCommandTests
{
    private const string Ready = """
        {"ready":true,"time":"2024-05-01T12:00:00Z","staleAfterSeconds":15,"services":[
          {"name":"Api","ready":true,"reason":null,"replicas":[{"replica":"Api","status":"Healthy","detail":"","secondsSinceSeen":0,"fresh":true}]},
          {"name":"Trigger","ready":true,"reason":null,"replicas":[{"replica":"Trigger","status":"Healthy","detail":"","secondsSinceSeen":2.4,"fresh":true}]},
          {"name":"ChallengeSolver","ready":true,"reason":null,"replicas":[
            {"replica":"ChallengeSolver@1","status":"Healthy","detail":"","secondsSinceSeen":1.1,"fresh":true},
            {"replica":"ChallengeSolver@2","status":"Healthy","detail":"","secondsSinceSeen":600,"fresh":false}]}]}
        """;

    private const string NotReady = """
        {"ready":false,"time":"2024-05-01T12:00:00Z","staleAfterSeconds":15,"services":[
          {"name":"Api","ready":true,"reason":null,"replicas":[{"replica":"Api","status":"Healthy","detail":"","secondsSinceSeen":0,"fresh":true}]},
          {"name":"Issuing","ready":false,"reason":"Unhealthy: masstransit-bus: Not ready","replicas":[{"replica":"Issuing","status":"Unhealthy","detail":"masstransit-bus: Not ready","secondsSinceSeen":3,"fresh":true}]},
          {"name":"ChallengeSolver","ready":false,"reason":"no heartbeat for 42s","replicas":[{"replica":"ChallengeSolver@1","status":"Healthy","detail":"","secondsSinceSeen":42,"fresh":false}]},
          {"name":"DnsWebhook","ready":false,"reason":"no heartbeat recorded (is it running?)","replicas":[]}]}
        """;

    [Fact]
    public async Task CheckApi_AllReady_PrintsReadyAndEveryServiceExitsZero()
    {
        using var api = FakeApi.Returning(200, Ready);

        var result = await CliRun.RunAsync(api, "check", "api");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            """
            The CertMesh API is ready
            SERVICE           READY   REPLICAS   LAST HEARTBEAT
            Api               True    1/1        0s ago
            Trigger           True    1/1        2s ago
            ChallengeSolver   True    1/2        1s ago

            """.ReplaceLineEndings("\n"),
            result.Out);
        Assert.Empty(result.Err);
        Assert.Equal("/api/health", Assert.Single(api.Requests).Path);
    }

    [Fact]
    public async Task CheckApi_NotReadyWithoutWait_NamesEachServiceOnceAndExitsOne()
    {
        using var api = FakeApi.Returning(200, NotReady);

        var result = await CliRun.RunAsync(api, "check", "api");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("The CertMesh API is not ready\n", result.Out);
        Assert.Contains("DnsWebhook        False   0/0        <none>\n", result.Out);
        Assert.Equal(
            "not ready: Issuing — Unhealthy: masstransit-bus: Not ready\n"
            + "not ready: ChallengeSolver — no heartbeat for 42s\n"
            + "not ready: DnsWebhook — no heartbeat recorded (is it running?)\n",
            result.Err);
        Assert.Single(api.Requests);
    }

    [Fact]
    public async Task CheckApi_WaitNotReadyThenReady_PollsUntilReady()
    {
        var answers = new Queue<FakeResponse>([new(503, """{"message":"starting"}"""), new(200, NotReady)]);
        using var api = new FakeApi(_ => answers.Count > 0 ? answers.Dequeue() : new(200, Ready));

        var result = await CliRun.RunAsync(api, "check", "api", "--wait", "10s", "--interval", "20ms");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("The CertMesh API is ready\n", result.Out);
        Assert.Empty(result.Err);
        Assert.Equal(3, api.Requests.Count);
    }

    [Fact]
    public async Task CheckApi_WaitRunsOut_ReportsTheLastAnswer()
    {
        using var api = FakeApi.Returning(200, NotReady);

        var result = await CliRun.RunAsync(api, "check", "api", "--wait", "300ms", "--interval", "50ms");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("not ready: ChallengeSolver — no heartbeat for 42s\n", result.Err);
        Assert.True(api.Requests.Count >= 2);
    }

    [Fact]
    public async Task CheckApi_Unauthorized_ReportedAtOnceWithoutWaiting()
    {
        using var api = FakeApi.Returning(401, """{"kind":"Status","message":"Unauthorized: the bearer token is not valid","code":401}""");

        var result = await CliRun.RunAsync(api, "check", "api", "--wait", "30s");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("error: Unauthorized: the bearer token is not valid\nhint: pass a Principal's token", result.Err);
        Assert.Single(api.Requests);
    }

    [Fact]
    public async Task CheckApi_ApiUnreachable_SaysWhereItLooked()
    {
        var server = $"http://127.0.0.1:{FakeApi.FreePort()}";

        var result = await CliRun.RunAsync(null, "--server", server, "check", "api", "--wait", "100ms", "--interval", "20ms");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"error: cannot reach the CertMesh API at {server} (is deploy/local/up.sh running?)\n", result.Err);
    }

    [Fact]
    public async Task CheckApi_ServerErrorWithoutWait_ReportsIt()
    {
        using var api = FakeApi.Returning(503, """{"message":"the Api cannot read the services' heartbeats from PostgreSQL"}""");

        var result = await CliRun.RunAsync(api, "check", "api");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("Error from server (ServiceUnavailable): the Api cannot read the services' heartbeats from PostgreSQL\n", result.Err);
    }

    [Theory]
    [InlineData(new[] { "check" }, "error: missing what to check: api\n")]
    [InlineData(new[] { "check", "webhook" }, "error: unknown command \"webhook\" for \"certmesh check\"; use api\n")]
    [InlineData(new[] { "check", "api", "--interval", "0s" }, "error: --interval must be positive\n")]
    [InlineData(new[] { "check", "api", "--wait", "soon" }, "error: invalid argument \"soon\" for \"--wait\" flag: expected a duration such as 30s, 2m or 1h30m\n")]
    public async Task CheckApi_BadCommandLine_UsageErrorWithoutCallingTheApi(string[] args, string firstLine)
    {
        using var api = FakeApi.Returning(200, Ready);

        var result = await CliRun.RunAsync(api, args);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith(firstLine, result.Err);
        Assert.Empty(api.Requests);
    }
}
