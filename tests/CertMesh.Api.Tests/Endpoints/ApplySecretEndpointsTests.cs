using System.Net;
using System.Text;
using System.Text.Json;
using CertMesh.Api.Tests.Support;
using CertMesh.Domain.Resources;
using CertMesh.Persistence.Resources;
using Xunit;

namespace CertMesh.Api.Tests.Endpoints;

/// <summary>
/// <c>POST /api/apply</c> with Secrets over HTTP, on the real PostgreSQL: writing a Secret needs the API token, and a
/// refused manifest applies nothing at all. Each test works in a namespace of its own.
/// </summary>
public sealed class ApplySecretEndpointsTests(ApiHost host) : IClassFixture<ApiHost>
{
    private static string TsigSecret(string ns, string value = "c2VjcmV0") => $"""
        apiVersion: v1
        kind: Secret
        metadata:
          name: tsig-secret
          namespace: {ns}
        data:
          tsig-secret-key: {value}
        """;

    private static string Rfc2136Issuer(string ns) => $"""
        apiVersion: cert-manager.io/v1
        kind: Issuer
        metadata:
          name: bind
          namespace: {ns}
        spec:
          acme:
            server: https://127.0.0.1:14000/dir
            privateKeySecretRef:
              name: bind-account
            solvers:
            - dns01:
                rfc2136:
                  nameserver: 127.0.0.1:5354
                  tsigKeyName: certmesh-key
                  tsigAlgorithm: hmacsha256
                  tsigSecretSecretRef:
                    name: tsig-secret
                    key: tsig-secret-key
        """;

    [Fact]
    public async Task Apply_SecretAndIssuerWithToken_CreatesBoth()
    {
        using var client = host.Client(ApiHost.Token);

        var (status, body) = await ApplyAsync(client, TsigSecret("dns-create") + "\n---\n" + Rfc2136Issuer("dns-create"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["Secret/tsig-secret created", "Issuer/bind created"], Results(body));
        var stored = await host.Database.RunAsync(unit => unit.Secrets.GetAsync("dns-create", "tsig-secret", default), default);
        Assert.Equal(SecretTypes.Opaque, stored!.Document.Type);
        Assert.Equal("secret", Encoding.UTF8.GetString(stored.Document.Data["tsig-secret-key"]));
    }

    [Fact]
    public async Task Apply_SameSecretAgain_IsUnchangedThenConfiguredKeepingUid()
    {
        using var client = host.Client(ApiHost.Token);
        await ApplyAsync(client, TsigSecret("dns-again"));
        var first = await host.Database.RunAsync(unit => unit.Secrets.GetAsync("dns-again", "tsig-secret", default), default);

        var again = await ApplyAsync(client, TsigSecret("dns-again"));
        var changed = await ApplyAsync(client, TsigSecret("dns-again", "bmV3LXNlY3JldA=="));

        Assert.Equal(["Secret/tsig-secret unchanged"], Results(again.Body));
        Assert.Equal(["Secret/tsig-secret configured"], Results(changed.Body));
        var stored = await host.Database.RunAsync(unit => unit.Secrets.GetAsync("dns-again", "tsig-secret", default), default);
        Assert.Equal("new-secret", Encoding.UTF8.GetString(stored!.Document.Data["tsig-secret-key"]));
        Assert.Equal(first!.Document.Metadata.Uid, stored.Document.Metadata.Uid);
        Assert.NotEqual(Guid.Empty, stored.Document.Metadata.Uid);
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized, "a valid bearer token is required to write Secrets")]
    [InlineData("wrong-token", HttpStatusCode.Unauthorized, "a valid bearer token is required to write Secrets")]
    public async Task Apply_SecretWithoutValidToken_Is401AndAppliesNothing(string? bearer, HttpStatusCode expected, string message)
    {
        var ns = bearer is null ? "dns-no-token" : "dns-wrong-token";
        using var client = host.Client(bearer);

        var (status, body) = await ApplyAsync(client, Rfc2136Issuer(ns) + "\n---\n" + TsigSecret(ns));

        Assert.Equal(expected, status);
        using var json = JsonDocument.Parse(body);
        Assert.Equal(message, json.RootElement.GetProperty("message").GetString());
        var error = Assert.Single(json.RootElement.GetProperty("errors").EnumerateArray());
        Assert.Equal((1, "Secret", "tsig-secret"), (error.GetProperty("documentIndex").GetInt32(), error.GetProperty("kind").GetString(), error.GetProperty("name").GetString()));
        Assert.EndsWith("nothing in this manifest was applied", error.GetProperty("message").GetString());
        await AssertNothingStoredAsync(ns);
    }

    [Fact]
    public async Task Apply_SecretWhenApiHasNoToken_Is403AndAppliesNothing()
    {
        using var client = host.ClientWithoutConfiguredToken(ApiHost.Token);

        var (status, body) = await ApplyAsync(client, TsigSecret("dns-disabled") + "\n---\n" + Rfc2136Issuer("dns-disabled"));

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("secret access is disabled: the Api has no CERTMESH_API_TOKEN configured", body);
        await AssertNothingStoredAsync("dns-disabled");
    }

    [Fact]
    public async Task Apply_InvalidSecretWithoutToken_IsRefusedBeforeItsErrorsAreShown()
    {
        using var client = host.Client();

        var (status, body) = await ApplyAsync(client, TsigSecret("dns-invalid", "hunter2%%%"));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.DoesNotContain("hunter2", body);
    }

    [Fact]
    public async Task Apply_BadBase64WithToken_Is422NamingTheKeyNotTheValue()
    {
        using var client = host.Client(ApiHost.Token);

        var (status, body) = await ApplyAsync(client, TsigSecret("dns-base64", "hunter2%%%") + "\n---\n" + Rfc2136Issuer("dns-base64"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains("\"field\":\"data.tsig-secret-key\"", body);
        Assert.DoesNotContain("hunter2", body);
        await AssertNothingStoredAsync("dns-base64");
    }

    [Fact]
    public async Task Apply_IssuerOnlyWithoutToken_NeedsNoToken()
    {
        using var client = host.Client();

        var (status, body) = await ApplyAsync(client, Rfc2136Issuer("dns-issuer-only"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["Issuer/bind created"], Results(body));
    }

    [Fact]
    public async Task GetSecrets_AfterApply_ShowsMetadataOnly()
    {
        using var writer = host.Client(ApiHost.Token);
        await ApplyAsync(writer, TsigSecret("dns-list", "aHVudGVyMg=="));
        using var reader = host.Client();

        var list = await reader.GetStringAsync("/api/resources/Secret?namespace=dns-list&output=yaml");
        var one = await reader.GetStringAsync("/api/resources/Secret/dns-list/tsig-secret");

        Assert.Contains("name: tsig-secret", list);
        Assert.Contains("type: Opaque", list);
        foreach (var text in new[] { list, one })
        {
            Assert.DoesNotContain("aHVudGVyMg", text);
            Assert.DoesNotContain("tsig-secret-key", text);
        }
    }

    [Fact]
    public async Task GetSecretData_AfterApply_NeedsTokenAndReturnsData()
    {
        using var writer = host.Client(ApiHost.Token);
        await ApplyAsync(writer, TsigSecret("dns-read", "aHVudGVyMg=="));

        using var anonymous = host.Client();
        var refused = await anonymous.GetAsync("/api/secrets/dns-read/tsig-secret");
        var data = await writer.GetStringAsync("/api/secrets/dns-read/tsig-secret");

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("\"tsig-secret-key\":\"aHVudGVyMg==\"", data);
    }

    private static async Task<(HttpStatusCode Status, string Body)> ApplyAsync(HttpClient client, string yaml)
    {
        using var content = new StringContent(yaml, Encoding.UTF8, "application/yaml");
        using var response = await client.PostAsync("/api/apply", content);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static List<string> Results(string body)
    {
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("results").EnumerateArray()
            .Select(r => $"{r.GetProperty("kind").GetString()}/{r.GetProperty("name").GetString()} {r.GetProperty("action").GetString()}")
            .ToList();
    }

    private async Task AssertNothingStoredAsync(string ns)
    {
        var (secret, issuer) = await host.Database.RunAsync(async unit => (
            await unit.Secrets.GetVersionAsync(ns, "tsig-secret", default),
            await unit.Resources.GetAsync<Issuer>(new ResourceKey(ResourceKinds.Issuer, ns, "bind"), default)), default);
        Assert.Null(secret);
        Assert.Null(issuer);
    }
}
