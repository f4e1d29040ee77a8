using System.Net;
using System.Text;
using System.Text.Json;
using CertMesh.Api.Tests.Support;
using CertMesh.Domain.Authorization;
using CertMesh.Domain.Resources;
using CertMesh.Persistence.Resources;
using Xunit;

namespace CertMesh.Api.Tests.Endpoints;

/// <summary>
/// <c>POST /api/apply</c> with Secrets over HTTP, on the real PostgreSQL: every call needs a valid token, writing a
/// Secret needs the secrets role there, and a refused manifest applies nothing at all. Each test works in a namespace of its own.
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
    [InlineData(null, "Unauthorized: a bearer token is required (Authorization: Bearer <token>)")]
    [InlineData("wrong-token", "Unauthorized: the bearer token is not valid")]
    // HTTP strips whitespace around a header value (RFC 9110 5.5), so a trailing space never arrives; one inside does.
    [InlineData(" " + ApiHost.Token, "Unauthorized: the bearer token is not valid")]
    public async Task Apply_SecretWithoutValidToken_Is401AndAppliesNothing(string? bearer, string message)
    {
        var ns = bearer is null ? "dns-no-token" : bearer.StartsWith(' ') ? "dns-space-token" : "dns-wrong-token";
        using var client = host.Client(bearer);

        var (status, body) = await ApplyAsync(client, Rfc2136Issuer(ns) + "\n---\n" + TsigSecret(ns));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        using var json = JsonDocument.Parse(body);
        Assert.Equal(message, json.RootElement.GetProperty("message").GetString());
        await AssertNothingStoredAsync(ns);
    }

    [Fact]
    public async Task Apply_SecretByEditorWithoutSecretsRole_Is403AndAppliesNothing()
    {
        var token = await host.PrincipalAsync("dns-editor", (Roles.Edit, "dns-editor"));
        using var client = host.Client(token);

        var (status, body) = await ApplyAsync(client, TsigSecret("dns-editor") + "\n---\n" + Rfc2136Issuer("dns-editor"));

        Assert.Equal(HttpStatusCode.Forbidden, status);
        using var json = JsonDocument.Parse(body);
        Assert.Equal(
            "forbidden: principal \"dns-editor\" cannot apply Secret in namespace \"dns-editor\" (needs role secrets in namespace \"dns-editor\"); nothing in this manifest was applied",
            json.RootElement.GetProperty("message").GetString());
        var refused = Assert.Single(json.RootElement.GetProperty("errors").EnumerateArray());
        Assert.Equal("Secret", refused.GetProperty("kind").GetString());
        await AssertNothingStoredAsync("dns-editor");
    }

    [Fact]
    public async Task Apply_InvalidSecretWithoutToken_IsRefusedBeforeItsErrorsAreShown()
    {
        using var client = host.Client(null);

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
    public async Task Apply_IssuerWithoutToken_Is401AndAppliesNothing()
    {
        using var client = host.Client(null);

        var (status, _) = await ApplyAsync(client, Rfc2136Issuer("dns-issuer-only"));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        await AssertNothingStoredAsync("dns-issuer-only");
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

        using var anonymous = host.Client(null);
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
