using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CertMesh.Testing;

namespace CertMesh.WebhookSolver.Tests.Support;

/// <summary>
/// The real app, built by WebhookSolverApp.Build and served by Kestrel on a free loopback port, configured
/// with BIND's TSIG key unless a test overrides a WEBHOOK_* setting.
/// </summary>
internal sealed class SolverHost : IAsyncDisposable
{
    public const string SolverPath = "/apis/acme.certmesh.test/v1alpha1/rfc2136";

    readonly WebApplication app;

    SolverHost(WebApplication app, Uri baseAddress, LogCapture logs)
    {
        this.app = app;
        Http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        Logs = logs;
    }

    public HttpClient Http { get; }
    public LogCapture Logs { get; }

    public static Dictionary<string, string?> BindSettings() => new()
    {
        ["WEBHOOK_TSIG_KEY_NAME"] = Bind.KeyName,
        ["WEBHOOK_TSIG_ALGORITHM"] = Bind.Algorithm,
        ["WEBHOOK_TSIG_SECRET"] = Bind.Secret,
    };

    public static async Task<SolverHost> StartAsync(IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var settings = BindSettings();
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
            settings[key] = value;

        var url = $"http://127.0.0.1:{TestEnvironment.FreePort()}";
        var logs = new LogCapture();
        var app = WebhookSolverApp.Build([$"--urls={url}"], builder =>
        {
            builder.Configuration.AddInMemoryCollection(settings);
            builder.Logging.AddProvider(logs);
        });
        await app.StartAsync();
        return new SolverHost(app, new Uri(url), logs);
    }

    /// <summary>POSTs a body to the solver and returns the status code and raw text, so tests can search all of it.</summary>
    public async Task<(HttpStatusCode Status, string Text)> PostRawAsync(string body, string path = SolverPath)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await Http.PostAsync(path, content);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>POSTs a payload that must be answered 200, and returns its response object.</summary>
    public async Task<JsonNode> SolveAsync(JsonObject payload)
    {
        var (status, text) = await PostRawAsync(payload.ToJsonString());
        Assert.True(status == HttpStatusCode.OK, $"expected 200, got {(int)status}: {text}");
        var answer = JsonNode.Parse(text)!;
        Assert.Equal("webhook.acme.cert-manager.io/v1alpha1", (string?)answer["apiVersion"]);
        Assert.Equal("ChallengePayload", (string?)answer["kind"]);
        return answer["response"]!;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
