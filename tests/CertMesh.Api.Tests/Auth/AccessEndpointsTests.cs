using System.Net;
using System.Text;
using System.Text.Json;
using CertMesh.Api.Tests.Support;
using CertMesh.Domain.Authorization;
using CertMesh.Domain.Resources;
using CertMesh.Persistence.Resources;
using CertMesh.Testing;
using Xunit;

namespace CertMesh.Api.Tests.Auth;

/// <summary>
/// Principals, bindings and tokens through the Api as users apply them, on the real PostgreSQL: who may apply them,
/// how they are checked, what a token's holder is told, and what the audit log keeps. Each test uses names of its own.
/// </summary>
public sealed class AccessEndpointsTests(ApiHost host) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task Apply_PrincipalAndBinding_TokenWorksWithExactlyThatRole()
    {
        var token = await host.PrincipalAsync("ci-shop", (Roles.Edit, "shop"));
        using var client = host.Client(token);

        var whoami = await GetJsonAsync(client, "/api/auth/whoami");
        var canApply = await GetJsonAsync(client, "/api/auth/can-i?verb=apply&kind=Certificate&namespace=shop");
        var canApplyElsewhere = await GetJsonAsync(client, "/api/auth/can-i?verb=apply&kind=Certificate&namespace=bank");
        var canReadKeys = await GetJsonAsync(client, "/api/auth/can-i?verb=get&kind=Secret&namespace=shop");

        Assert.Equal("ci-shop", whoami.GetProperty("principal").GetString());
        Assert.Equal("t1", whoami.GetProperty("token").GetString());
        Assert.True(canApply.GetProperty("allowed").GetBoolean());
        Assert.False(canApplyElsewhere.GetProperty("allowed").GetBoolean());
        Assert.Equal("principal \"ci-shop\" cannot apply Certificate in namespace \"bank\" (needs role edit in namespace \"bank\")", canApplyElsewhere.GetProperty("reason").GetString());
        Assert.False(canReadKeys.GetProperty("allowed").GetBoolean());
    }

    [Fact]
    public async Task Apply_PrincipalByNonAdmin_Is403AndNothingStored()
    {
        var token = await host.PrincipalAsync("ns-editor", (Roles.Edit, "team"));
        using var client = host.Client(token);

        var (status, body) = await ApplyAsync(client, AccessYaml.Principal("escalated", TokenHash.Of(TokenHash.NewToken())) + AccessYaml.Binding("escalated-admin", Roles.Admin, null, "escalated"));

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("cannot apply Principal (needs cluster role admin)", Message(body));
        Assert.Null(await StoredAsync(AuthKinds.Principal, "", "escalated"));
        Assert.Null(await StoredAsync(AuthKinds.ClusterRoleBinding, "", "escalated-admin"));
    }

    [Theory]
    [InlineData("sha256: not-a-hash", "spec.tokens[0].sha256")]
    [InlineData("sha256: cm_the-token-itself-not-its-hash", "spec.tokens[0].sha256")]
    public async Task Apply_PrincipalWithoutHash_Is422NamingTheField(string tokenLine, string field)
    {
        var yaml = $"apiVersion: auth.certmesh.io/v1\nkind: Principal\nmetadata: {{name: bad-hash}}\nspec:\n  tokens: [{{id: t1, {tokenLine}}}]\n";

        var (status, body) = await ApplyAsync(host.Client(), yaml);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains($"\"field\":\"{field}\"", body);
        Assert.DoesNotContain("cm_the-token-itself-not-its-hash", body);
    }

    [Theory]
    [InlineData("RoleBinding", "admin", "spec.role", "admin is cluster-wide: bind it with a ClusterRoleBinding")]
    [InlineData("RoleBinding", "owner", "spec.role", "Unsupported value: \"owner\"")]
    [InlineData("ClusterRoleBinding", "", "spec.role", "Required value")]
    public async Task Apply_BindingWithBadRole_Is422NamingTheField(string kind, string role, string field, string message)
    {
        var yaml = $"apiVersion: auth.certmesh.io/v1\nkind: {kind}\nmetadata: {{name: bad-role, namespace: team}}\nspec:\n  role: \"{role}\"\n  subjects: [{{kind: Principal, name: someone}}]\n";

        var (status, body) = await ApplyAsync(host.Client(), yaml);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        var error = Assert.Single(Errors(body));
        Assert.Equal(field, error.GetProperty("field").GetString());
        Assert.Contains(message, error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Apply_TwoPrincipalsWithOneRabbitMqUser_SecondIs422()
    {
        await ApplyAsync(host.Client(), AccessYaml.Principal("bus-first", TokenHash.Of(TokenHash.NewToken()), "app-shared"));

        var (status, body) = await ApplyAsync(host.Client(), AccessYaml.Principal("bus-second", TokenHash.Of(TokenHash.NewToken()), "app-shared"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains("principal \"bus-first\" already publishes as this RabbitMQ user", Errors(body).Single().GetProperty("message").GetString());
    }

    [Theory]
    [InlineData("revoked: true", "token \"t1\" of principal \"rotated\" has been revoked")]
    [InlineData("expires: 2020-01-01T00:00:00Z", "token \"t1\" of principal \"rotated\" has expired")]
    public async Task Token_RevokedOrExpired_Is401SayingWhich(string change, string message)
    {
        var token = TokenHash.NewToken();
        var yaml = $"apiVersion: auth.certmesh.io/v1\nkind: Principal\nmetadata: {{name: rotated}}\nspec:\n  tokens: [{{id: t1, sha256: {TokenHash.Of(token)}}}]\n";
        await ApplyAsync(host.Client(), yaml);
        using var holder = host.Client(token);
        Assert.Equal(HttpStatusCode.OK, (await holder.GetAsync("/api/auth/whoami")).StatusCode);

        await ApplyAsync(host.Client(), yaml.Replace("}]", $", {change}}}]"));
        using var response = await holder.GetAsync("/api/auth/whoami");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal($"Unauthorized: {message}", Message(await response.Content.ReadAsStringAsync()));
        Assert.Equal("Bearer realm=\"certmesh\"", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Token_OfNamespaceA_ReadsAButIsRefusedB()
    {
        await WriteCertificateAsync("ns-a", "web");
        await WriteCertificateAsync("ns-b", "web");
        var token = await host.PrincipalAsync("viewer-a", (Roles.View, "ns-a"));
        using var client = host.Client(token);

        var inA = await client.GetAsync("/api/resources/Certificate/ns-a/web");
        var inB = await client.GetAsync("/api/resources/Certificate/ns-b/web");
        var statusB = await client.GetAsync("/api/status/certificate/ns-b/web");
        var all = await client.GetAsync("/api/resources/Certificate");

        Assert.Equal(HttpStatusCode.OK, inA.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, inB.StatusCode);
        Assert.Equal("forbidden: principal \"viewer-a\" cannot get Certificate in namespace \"ns-b\" (needs role view in namespace \"ns-b\")", Message(await inB.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.Forbidden, statusB.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, all.StatusCode);
    }

    [Fact]
    public async Task Events_RefusedAndAcceptedWrites_AuditedWithWhoAsked()
    {
        var token = await host.PrincipalAsync("auditee", (Roles.Edit, "audit-a"));
        using var client = host.Client(token);
        using var anonymous = host.Client(null);
        await ApplyAsync(client, Issuer("audit-a"));
        await ApplyAsync(client, Issuer("audit-b"));
        await ApplyAsync(anonymous, Issuer("audit-b"));

        static bool IsIssuer(JsonElement e) => e.GetProperty("kind").GetString() == "Issuer";
        var a = await EventuallyAsync("audit-a", 1, IsIssuer);
        var b = await EventuallyAsync("audit-b", 1, IsIssuer);
        var all = await EventuallyAsync(null, 3, e => e.GetProperty("verb").GetString()!.StartsWith("POST"));

        Assert.Equal(("auditee (token t1)", "apply", "Issuer", "ca", "Allowed", "created"), Line(a.Single()));
        Assert.Equal(("auditee (token t1)", "apply", "Issuer", "ca", "Forbidden", "principal \"auditee\" cannot apply Issuer in namespace \"audit-b\" (needs role edit in namespace \"audit-b\")"), Line(b.Single()));
        Assert.Contains(all, e => e.GetProperty("actor").GetString() == "anonymous" && e.GetProperty("outcome").GetString() == "Unauthorized");
        var issuer = await host.Database.RunAsync(unit => unit.Events.ListAsync(new ResourceKey(ResourceKinds.Issuer, "audit-a", "ca"), default), default);
        Assert.Contains(issuer, e => e.Message == "Issuer created by auditee (token t1)");
        Assert.Null(await StoredAsync(ResourceKinds.Issuer, "audit-b", "ca"));
    }

    [Fact]
    public async Task Events_ViewerOfOneNamespace_CannotReadAllOrAnother()
    {
        var token = await host.PrincipalAsync("audit-viewer", (Roles.View, "audit-v"));
        using var client = host.Client(token);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/events?namespace=audit-v")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/events?namespace=audit-a")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/events")).StatusCode);
    }

    [Fact]
    public async Task Apply_NamespaceWithLabels_AdminOnlyAndStoredForPolicySelectors()
    {
        const string yaml = "apiVersion: v1\nkind: Namespace\nmetadata: {name: labelled, labels: {team: payments}}\n";
        var editor = await host.PrincipalAsync("ns-labeller", (Roles.Edit, "labelled"));

        var refused = await ApplyAsync(host.Client(editor), yaml);
        var applied = await ApplyAsync(host.Client(), yaml);
        var listed = await GetJsonAsync(host.Client(), "/api/resources/Namespace/_/labelled");

        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.Equal(HttpStatusCode.OK, applied.Status);
        Assert.Equal("payments", listed.GetProperty("metadata").GetProperty("labels").GetProperty("team").GetString());
    }

    [Fact]
    public async Task Read_WithoutToken_Is401()
    {
        using var anonymous = host.Client(null);

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/resources/ClusterIssuer")).StatusCode);
    }

    static string Issuer(string ns) => $"apiVersion: cert-manager.io/v1\nkind: Issuer\nmetadata: {{name: ca, namespace: {ns}}}\nspec:\n  selfSigned: {{}}\n";

    static (string?, string?, string?, string?, string?, string?) Line(JsonElement e) => (
        e.GetProperty("actor").GetString(), e.GetProperty("verb").GetString(), e.GetProperty("kind").GetString(),
        e.GetProperty("name").GetString(), e.GetProperty("outcome").GetString(), e.GetProperty("message").GetString());

    /// <summary>The audit trail writes in the background: wait (briefly) until the expected lines are there.</summary>
    async Task<List<JsonElement>> EventuallyAsync(string? ns, int atLeast, Func<JsonElement, bool>? filter = null)
    {
        var path = ns is null ? "/api/events" : $"/api/events?namespace={ns}";
        for (var attempt = 0; ; attempt++)
        {
            var items = (await GetJsonAsync(host.Client(), path)).GetProperty("items").EnumerateArray().Where(filter ?? (_ => true)).ToList();
            if (items.Count >= atLeast || attempt == 100)
                return items;
            await Task.Delay(50);
        }
    }

    async Task WriteCertificateAsync(string ns, string name)
    {
        var key = new ResourceKey(ResourceKinds.Certificate, ns, name);
        var certificate = new Certificate
        {
            Metadata = new ObjectMeta { Namespace = ns, Name = name, Uid = Guid.NewGuid(), Generation = 1 },
            Spec = new(),
        };
        await host.Database.RunAsync(async unit =>
        {
            await unit.Resources.CreateAsync(key, certificate.Metadata.Uid, certificate, null, default);
            return 0;
        }, default);
    }

    Task<object?> StoredAsync(string kind, string ns, string name) =>
        host.Database.RunAsync(async unit => (object?)await unit.Resources.GetAsync<JsonElement>(new ResourceKey(kind, ns, name), default), default);

    static async Task<JsonElement> GetJsonAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    static async Task<(HttpStatusCode Status, string Body)> ApplyAsync(HttpClient client, string yaml)
    {
        using var response = await client.PostAsync("/api/apply", new StringContent(yaml, Encoding.UTF8, "application/yaml"));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    static string? Message(string body) => JsonDocument.Parse(body).RootElement.GetProperty("message").GetString();

    static List<JsonElement> Errors(string body) => JsonDocument.Parse(body).RootElement.GetProperty("errors").EnumerateArray().Select(e => e.Clone()).ToList();
}
