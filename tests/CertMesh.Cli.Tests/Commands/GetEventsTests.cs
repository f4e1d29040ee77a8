using CertMesh.Cli.Tests.Support;
using Xunit;

namespace CertMesh.Cli.Tests.Commands;

public sealed class GetEventsTests
{
    [Fact]
    public async Task GetEvents_Namespace_PrintsNewestLastLikeKubectl()
    {
        using var api = FakeApi.Returning(200, AuthSamples.Events);

        var result = await CliRun.RunAsync(api, "--token", "cm_x", "get", "events", "-n", "shop");

        Assert.Equal((0, ""), (result.ExitCode, result.Err));
        Assert.Equal("/api/events?namespace=shop", Assert.Single(api.Requests).Path);
        Assert.Equal("""
            LAST SEEN   ACTOR                  VIA   VERB              OBJECT            OUTCOME        MESSAGE
            10m         alice (token laptop)   api   renew             certificate/web   Allowed        renewal requested
            2m          anonymous              api   POST /api/apply                     Unauthorized   the bearer token is not valid; from 127.0.0.1
            30s         ci (token ci-4)        api   apply             certificate/web   Forbidden      principal "ci" cannot apply Certificate in namespace "shop" (needs role edit in namespace "shop")

            """, result.Out);
    }

    [Fact]
    public async Task GetEvents_AllNamespacesWide_AddsNamespaceAndTimeAndAsksWithoutNamespace()
    {
        using var api = FakeApi.Returning(200, AuthSamples.Events);

        var result = await CliRun.RunAsync(api, "get", "ev", "-A", "-o", "wide");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("/api/events", Assert.Single(api.Requests).Path);
        var lines = result.Out.Split('\n');
        Assert.StartsWith("NAMESPACE   LAST SEEN   TIME                   ACTOR", lines[0]);
        Assert.StartsWith("shop        10m         2024-05-01T11:50:00Z   alice (token laptop)", lines[1]);
    }

    [Fact]
    public async Task GetEvents_Json_PrintsTheApiAnswerIndented()
    {
        using var api = FakeApi.Returning(200, """{"items":[{"time":"2024-05-01T11:50:00Z","actor":"alice","outcome":"Allowed"}]}""");

        var result = await CliRun.RunAsync(api, "get", "events", "-o", "json");

        Assert.Equal("""
            {
                "items": [
                    {
                        "time": "2024-05-01T11:50:00Z",
                        "actor": "alice",
                        "outcome": "Allowed"
                    }
                ]
            }

            """, result.Out);
    }

    [Fact]
    public async Task GetEvents_Yaml_WritesTheListAsKubectlYaml()
    {
        using var api = FakeApi.Returning(200, """
            {"items":[{"time":"2024-05-01T11:50:00Z","actor":"alice (token laptop)","verb":"renew","kind":"Certificate","namespace":"","name":"web","message":"needs role \"edit\": here"}]}
            """);

        var result = await CliRun.RunAsync(api, "get", "events", "-o", "yaml");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("""
            items:
            - time: "2024-05-01T11:50:00Z"
              actor: alice (token laptop)
              verb: renew
              kind: Certificate
              namespace: ""
              name: web
              message: "needs role \"edit\": here"

            """, result.Out);
    }

    [Fact]
    public async Task GetEvents_None_SaysSoOnStderr()
    {
        using var api = FakeApi.Returning(200, """{"items":[]}""");

        var result = await CliRun.RunAsync(api, "get", "events");

        Assert.Equal((0, "", "No resources found in default namespace.\n"), (result.ExitCode, result.Out, result.Err));
    }

    [Fact]
    public async Task GetEvents_WithName_IsUsageErrorWithoutCall()
    {
        using var api = FakeApi.Returning(200, AuthSamples.Events);

        var result = await CliRun.RunAsync(api, "get", "events", "web");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: events have no names", result.Err);
        Assert.Empty(api.Requests);
    }

    [Fact]
    public async Task GetEvents_Forbidden_PrintsWhichRoleIsNeeded()
    {
        using var api = FakeApi.Returning(403, """
            {"kind":"Status","status":"Failure","reason":"Forbidden","message":"forbidden: principal \"ci\" cannot list Event in all namespaces (needs cluster role view)","code":403}
            """);

        var result = await CliRun.RunAsync(api, "get", "events", "-A");

        Assert.Equal((1, "error: forbidden: principal \"ci\" cannot list Event in all namespaces (needs cluster role view)\n"), (result.ExitCode, result.Err));
    }
}
