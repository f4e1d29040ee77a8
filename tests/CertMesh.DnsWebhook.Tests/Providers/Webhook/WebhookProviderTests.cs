using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using CertMesh.Contracts.Dns;
using CertMesh.DnsWebhook.Changes;
using CertMesh.DnsWebhook.Config;
using CertMesh.DnsWebhook.Providers;
using CertMesh.DnsWebhook.Providers.Webhook;
using CertMesh.DnsWebhook.Tests.Support;

namespace CertMesh.DnsWebhook.Tests.Providers.Webhook;

/// <summary>Against a local Kestrel endpoint standing in for a cert-manager webhook solver.</summary>
public sealed class WebhookProviderTests : IDisposable
{
    static readonly DnsChallenge Challenge = new(
        Guid.Parse("6f1c1b2e-1d1a-4a53-9d43-3f5c2a7e9b10"), "team-a", "www.example.test",
        "_acme-challenge.www.example.test.", "example.test.", "LoqXcYV8q5ONbJQxbmR7SCTNo3tiAXDfowyjxAjEuX0");

    readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    static WebhookConfig DnsPod => Assert.IsType<WebhookConfig>(Dns01ConfigParser.Parse(Requests.DnsPodSolver));

    WebhookProvider Provider(Uri baseUrl, WebhookConfig? config = null, HttpClient? http = null)
    {
        config ??= DnsPod;
        Assert.True(WebhookEndpoints.Parse($"{config.GroupName}={baseUrl}").TryGetSolverUrl(config.GroupName, config.SolverName, out var url));
        return new WebhookProvider(config, url, http ?? _http);
    }

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task PresentAsync_Success_PostsCertManagerChallengePayload()
    {
        await using var webhook = await FakeWebhook.StartAsync();

        await Provider(webhook.BaseUrl).PresentAsync(Challenge, CancellationToken.None);

        var (path, contentType, body) = Assert.Single(webhook.Requests);
        Assert.Equal("/apis/acme.imroc.cc/v1alpha1/dnspod", path);
        Assert.StartsWith("application/json", contentType);
        var expected = """
            {"apiVersion":"webhook.acme.cert-manager.io/v1alpha1","kind":"ChallengePayload",
             "request":{"uid":"6f1c1b2e-1d1a-4a53-9d43-3f5c2a7e9b10","action":"Present","type":"dns-01","dnsName":"www.example.test",
                        "key":"LoqXcYV8q5ONbJQxbmR7SCTNo3tiAXDfowyjxAjEuX0","resourceNamespace":"team-a",
                        "resolvedFQDN":"_acme-challenge.www.example.test.","resolvedZone":"example.test.","allowAmbientCredentials":false,
                        "config":{"secretId":"AKIDxxxxx","secretKeyRef":{"name":"dnspod-secret","key":"secret-key"},"ttl":600,"recordLine":""}}}
            """;
        Assert.True(JsonElement.DeepEquals(Requests.Json(expected), body), body.ToString());
    }

    [Fact]
    public async Task CleanUpAsync_Success_SendsCleanUpAction()
    {
        await using var webhook = await FakeWebhook.StartAsync();

        await Provider(webhook.BaseUrl).CleanUpAsync(Challenge, CancellationToken.None);

        Assert.Equal("CleanUp", Assert.Single(webhook.Requests).Body.GetProperty("request").GetProperty("action").GetString());
    }

    [Fact]
    public async Task PresentAsync_SolverWithoutConfig_SendsConfigNull()
    {
        await using var webhook = await FakeWebhook.StartAsync();

        await Provider(webhook.BaseUrl, new WebhookConfig("acme.certmesh.test", "rfc2136", null)).PresentAsync(Challenge, CancellationToken.None);

        var (path, _, body) = Assert.Single(webhook.Requests);
        Assert.Equal("/apis/acme.certmesh.test/v1alpha1/rfc2136", path);
        Assert.Equal(JsonValueKind.Null, body.GetProperty("request").GetProperty("config").ValueKind);
    }

    [Fact]
    public async Task PresentAsync_SuccessFalse_WebhookFailedWithStatusMessage()
    {
        await using var webhook = await FakeWebhook.StartAsync(request => Task.FromResult((200,
            FakeWebhook.Response(request, false, new { status = "Failure", message = "dnspod: record line invalid", reason = "BadRequest", code = 400 }))));

        var error = await Assert.ThrowsAsync<DnsChangeException>(() => Provider(webhook.BaseUrl).PresentAsync(Challenge, CancellationToken.None));

        Assert.Equal(DnsRecordFailureReasons.WebhookFailed, error.Reason);
        Assert.False(error.Retryable);
        Assert.Equal($"webhook solver acme.imroc.cc/dnspod at {webhook.BaseUrl}apis/acme.imroc.cc/v1alpha1/dnspod failed to Present: dnspod: record line invalid", error.Message);
    }

    [Fact]
    public async Task PresentAsync_SuccessFalseWithCode503_WebhookFailedRetryable()
    {
        await using var webhook = await FakeWebhook.StartAsync(request => Task.FromResult((200,
            FakeWebhook.Response(request, false, new { message = "dnspod API unavailable", code = 503 }))));

        var error = await Assert.ThrowsAsync<DnsChangeException>(() => Provider(webhook.BaseUrl).PresentAsync(Challenge, CancellationToken.None));

        Assert.Equal(DnsRecordFailureReasons.WebhookFailed, error.Reason);
        Assert.True(error.Retryable);
    }

    [Fact]
    public async Task PresentAsync_Http500_UnreachableRetryable()
    {
        await using var webhook = await FakeWebhook.StartAsync(_ => Task.FromResult((500, """{"kind":"Status","message":"solver crashed"}""")));

        var error = await Assert.ThrowsAsync<DnsChangeException>(() => Provider(webhook.BaseUrl).PresentAsync(Challenge, CancellationToken.None));

        Assert.Equal(DnsRecordFailureReasons.Unreachable, error.Reason);
        Assert.True(error.Retryable);
        Assert.EndsWith("answered HTTP 500 to Present: solver crashed", error.Message);
    }

    [Fact]
    public async Task PresentAsync_Http400_WebhookFailedNonRetryableWithBodyMessage()
    {
        await using var webhook = await FakeWebhook.StartAsync(_ => Task.FromResult((400, """{"kind":"Status","message":"config: secretId is required"}""")));

        var error = await Assert.ThrowsAsync<DnsChangeException>(() => Provider(webhook.BaseUrl).PresentAsync(Challenge, CancellationToken.None));

        Assert.Equal(DnsRecordFailureReasons.WebhookFailed, error.Reason);
        Assert.False(error.Retryable);
        Assert.EndsWith("rejected Present with HTTP 400: config: secretId is required", error.Message);
    }

    [Fact]
    public async Task PresentAsync_ConnectionRefused_UnreachableRetryable()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var error = await Assert.ThrowsAsync<DnsChangeException>(() =>
            Provider(new Uri($"http://127.0.0.1:{port}")).PresentAsync(Challenge, CancellationToken.None));

        Assert.Equal(DnsRecordFailureReasons.Unreachable, error.Reason);
        Assert.True(error.Retryable);
        Assert.StartsWith($"webhook solver acme.imroc.cc/dnspod at http://127.0.0.1:{port}/apis/acme.imroc.cc/v1alpha1/dnspod is unreachable: ", error.Message);
    }

    [Fact]
    public async Task PresentAsync_SolverSlowerThanTimeout_UnreachableRetryable()
    {
        await using var webhook = await FakeWebhook.StartAsync(async request =>
        {
            await Task.Delay(TimeSpan.FromSeconds(5));
            return (200, FakeWebhook.Success(request));
        });
        using var impatient = new HttpClient { Timeout = TimeSpan.FromMilliseconds(300) };

        var error = await Assert.ThrowsAsync<DnsChangeException>(() => Provider(webhook.BaseUrl, http: impatient).PresentAsync(Challenge, CancellationToken.None));

        Assert.Equal(DnsRecordFailureReasons.Unreachable, error.Reason);
        Assert.True(error.Retryable);
        Assert.EndsWith("did not answer Present within 0.3 s", error.Message);
    }

    [Fact]
    public async Task PresentAsync_BaseUrlWithCredentials_MessageOmitsThem()
    {
        await using var webhook = await FakeWebhook.StartAsync(_ => Task.FromResult((403, """{"message":"forbidden"}""")));
        var withUser = new UriBuilder(webhook.BaseUrl) { UserName = "admin", Password = "hunter2" }.Uri;

        var error = await Assert.ThrowsAsync<DnsChangeException>(() => Provider(withUser).PresentAsync(Challenge, CancellationToken.None));

        Assert.DoesNotContain("hunter2", error.Message);
        Assert.DoesNotContain("admin", error.Message);
    }
}
