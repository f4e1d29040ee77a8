using System.Net.Http.Headers;
using System.Text;
using CertMesh.Integration.Tests.Support;
using CertMesh.Testing;
using Xunit;
using Xunit.Abstractions;

namespace CertMesh.Integration.Tests.Authorization;

/// <summary>
/// Who may do what, through the whole stack: (no token, wrong token, view/edit/secrets of namespace A, admin) ×
/// (apply an Issuer in A, apply a ClusterIssuer, apply/renew/delete a Certificate in A and in B, list everything, read a
/// Secret in A and in B, approve and deny a CertificateRequest in A — Issuing runs with CERTMESH_APPROVAL_DEFAULT=wait so
/// they wait for one). Every cell's status must be exactly the expected one, and after every refusal the store (every
/// resourceVersion and event of both namespaces and the cluster scope) is what it was before. Prints the table.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class AccessMatrixTests(StackFixture stack, ITestOutputHelper output)
{
    const string A = "mx-a", B = "mx-b";

    sealed record Caller(string Name, string? Token);

    /// <summary>One action; <c>target</c> keeps mutating actions of different callers apart (each deletes its own).</summary>
    sealed record Action(string Name, Func<HttpClient, string, Task<HttpResponseMessage>> Send);

    [Fact]
    public async Task Matrix_EveryCallerEveryAction_ExactStatusAndRefusalsChangeNothing()
    {
        var callers = new List<Caller> { new("no token", null), new("wrong token", TestTokens.New()) };
        foreach (var role in new[] { "view", "edit", "secrets" })
            callers.Add(new($"{role} in A", await PrincipalAsync($"mx-{role}", role, A)));
        callers.Add(new("admin", await PrincipalAsync("mx-admin", "admin", null)));
        await PrepareAsync(callers);
        // Requests wait for a person from here on, so approve and deny have something to decide: one request per caller.
        await using var waiting = await stack.ReplaceServiceAsync("Issuing", new Dictionary<string, string?> { ["CERTMESH_APPROVAL_DEFAULT"] = "wait" });
        await PendingRequestsAsync(callers);

        var actions = new List<Action>
        {
            new("apply Issuer in A", (http, who) => ApplyAsync(http, Issuer(A, $"iss-{who}"))),
            new("apply ClusterIssuer", (http, who) => ApplyAsync(http, ClusterIssuer($"mx-ci-{who}"))),
            new("apply Certificate in A", (http, who) => ApplyAsync(http, Certificate(A, $"new-{who}"))),
            new("apply Certificate in B", (http, who) => ApplyAsync(http, Certificate(B, $"new-{who}"))),
            new("renew Certificate in A", (http, _) => http.PostAsync($"/api/certificates/{A}/web/renew", null)),
            new("renew Certificate in B", (http, _) => http.PostAsync($"/api/certificates/{B}/web/renew", null)),
            new("delete Certificate in A", (http, who) => http.DeleteAsync($"/api/certificates/{A}/del-{who}")),
            new("delete Certificate in B", (http, who) => http.DeleteAsync($"/api/certificates/{B}/del-{who}")),
            new("list all Certificates", (http, _) => http.GetAsync("/api/resources/Certificate")),
            new("read Secret in A", (http, _) => http.GetAsync($"/api/secrets/{A}/web-tls")),
            new("read Secret in B", (http, _) => http.GetAsync($"/api/secrets/{B}/web-tls")),
            new("approve request in A", (http, who) => http.PostAsync($"/api/certificaterequests/{A}/approve-{who}-1/approve", null)),
            new("deny request in A", (http, who) => DenyAsync(http, $"/api/certificaterequests/{A}/deny-{who}-1/deny")),
        };
        var expected = Expected();

        var rows = new List<string> { "| caller | " + string.Join(" | ", actions.Select(a => a.Name)) + " |", "|---|" + string.Concat(actions.Select(_ => "---|")) };
        var failures = new List<string>();
        // Refusals first, on a quiet store, so "unchanged" means unchanged; then the allowed calls.
        foreach (var refusalPass in new[] { true, false })
        {
            foreach (var caller in callers)
            {
                using var http = new HttpClient { BaseAddress = stack.ApiBase, Timeout = TimeSpan.FromSeconds(60) };
                if (caller.Token is not null)
                    http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", caller.Token);
                var who = Slug(caller.Name);
                foreach (var action in actions)
                {
                    var want = expected[(caller.Name, action.Name)];
                    if ((want is 401 or 403) != refusalPass)
                        continue;
                    var before = refusalPass ? await StoreAsync() : "";
                    using var response = await action.Send(http, who);
                    var status = (int)response.StatusCode;
                    if (status != want)
                        failures.Add($"{caller.Name} × {action.Name}: {status}, expected {want}: {await response.Content.ReadAsStringAsync()}");
                    if (refusalPass && await StoreAsync() != before)
                        failures.Add($"{caller.Name} × {action.Name}: refused ({status}) but the store changed");
                }
            }
        }
        foreach (var caller in callers)
            rows.Add($"| {caller.Name} | " + string.Join(" | ", actions.Select(a => expected[(caller.Name, a.Name)])) + " |");
        output.WriteLine(string.Join(Environment.NewLine, rows));
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    /// <summary>The table the issue asks for: 401 without a valid token; 403 where the role does not reach; else 2xx.</summary>
    static Dictionary<(string Caller, string Action), int> Expected()
    {
        string[] actions =
        [
            "apply Issuer in A", "apply ClusterIssuer", "apply Certificate in A", "apply Certificate in B", "renew Certificate in A",
            "renew Certificate in B", "delete Certificate in A", "delete Certificate in B", "list all Certificates", "read Secret in A", "read Secret in B",
            "approve request in A", "deny request in A",
        ];
        var allowed = new Dictionary<string, string[]>
        {
            ["no token"] = [],
            ["wrong token"] = [],
            ["view in A"] = [],
            ["edit in A"] = ["apply Issuer in A", "apply Certificate in A", "renew Certificate in A", "delete Certificate in A", "approve request in A", "deny request in A"],
            ["secrets in A"] = ["read Secret in A"],
            ["admin"] = actions,
        };
        var table = new Dictionary<(string, string), int>();
        foreach (var (caller, permitted) in allowed)
        {
            foreach (var action in actions)
                table[(caller, action)] = caller is "no token" or "wrong token" ? 401 : !permitted.Contains(action) ? 403 : action.StartsWith("approve") || action.StartsWith("deny") ? 202 : 200;
        }
        return table;
    }

    /// <summary>Both namespaces hold a Ready <c>web</c> and one <c>del-*</c> Certificate per caller, all issued, before anything runs.</summary>
    async Task PrepareAsync(List<Caller> callers)
    {
        var yaml = new StringBuilder();
        foreach (var ns in new[] { A, B })
        {
            yaml.Append(Certificate(ns, "web"));
            foreach (var caller in callers)
                yaml.Append(Certificate(ns, $"del-{Slug(caller.Name)}"));
        }
        await stack.ApplyAsync(yaml.ToString());
        foreach (var ns in new[] { A, B })
        {
            await stack.WaitForIssuedAsync(ns, "web");
            foreach (var caller in callers)
                await stack.WaitForIssuedAsync(ns, $"del-{Slug(caller.Name)}");
        }
    }

    /// <summary>For each caller, an <c>approve-*</c> and a <c>deny-*</c> Certificate in A whose first request waits for a decision.</summary>
    async Task PendingRequestsAsync(List<Caller> callers)
    {
        var names = callers.SelectMany(c => new[] { $"approve-{Slug(c.Name)}", $"deny-{Slug(c.Name)}" }).ToList();
        await stack.ApplyAsync(string.Concat(names.Select(name => Certificate(A, name))));
        using var http = stack.ApiClient();
        foreach (var name in names)
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            while (!(await http.GetAsync($"/api/resources/CertificateRequest/{A}/{name}-1")).IsSuccessStatusCode)
            {
                Assert.True(DateTime.UtcNow < deadline, $"CertificateRequest {A}/{name}-1 did not appear");
                await Task.Delay(200);
            }
        }
    }

    static Task<HttpResponseMessage> DenyAsync(HttpClient http, string path) =>
        http.PostAsync(path, new StringContent("""{"reason":"NotNeeded"}""", Encoding.UTF8, "application/json"));

    async Task<string> PrincipalAsync(string name, string role, string? ns)
    {
        var token = TestTokens.New();
        await stack.ApplyAsync(AccessYaml.Principal(name, TestTokens.Sha256(token)) + AccessYaml.Binding($"{name}-binding", role, ns, name));
        return token;
    }

    /// <summary>Every resource's version and the number of events, in both namespaces and the cluster scope.</summary>
    Task<string> StoreAsync() => stack.ScalarAsync<string>("""
        SELECT coalesce(string_agg(kind || '/' || namespace || '/' || name || '@' || resource_version, ',' ORDER BY kind, namespace, name), '')
               || ' events=' || (SELECT count(*) FROM resource_events WHERE namespace IN ('mx-a', 'mx-b', ''))
        FROM resources WHERE namespace IN ('mx-a', 'mx-b', '')
        """)!;

    static Task<HttpResponseMessage> ApplyAsync(HttpClient http, string yaml) =>
        http.PostAsync("/api/apply", new StringContent(yaml, Encoding.UTF8, "application/yaml"));

    static string Slug(string caller) => caller.Replace(' ', '-').ToLowerInvariant();

    static string Issuer(string ns, string name) => $"""
        ---
        apiVersion: cert-manager.io/v1
        kind: Issuer
        metadata: {"{"}name: {name}, namespace: {ns}{"}"}
        spec:
          selfSigned: {"{}"}

        """;

    static string ClusterIssuer(string name) => $"""
        ---
        apiVersion: cert-manager.io/v1
        kind: ClusterIssuer
        metadata: {"{"}name: {name}{"}"}
        spec:
          selfSigned: {"{}"}

        """;

    static string Certificate(string ns, string name) => $"""
        ---
        apiVersion: cert-manager.io/v1
        kind: Certificate
        metadata: {"{"}name: {name}, namespace: {ns}{"}"}
        spec:
          secretName: {name}-tls
          dnsNames: [{name}.{ns}.test]
          issuerRef: {"{"}name: {StackFixture.CaIssuer}, kind: ClusterIssuer{"}"}

        """;
}
