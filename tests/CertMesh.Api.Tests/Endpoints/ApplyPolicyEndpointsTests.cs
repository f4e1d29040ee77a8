using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CertMesh.Api.Tests.Support;
using Xunit;

namespace CertMesh.Api.Tests.Endpoints;

/// <summary><c>certmesh apply</c> of approver-policy's CertificateRequestPolicy and <c>certmesh get</c> of it, on the real PostgreSQL.</summary>
public sealed class ApplyPolicyEndpointsTests(ApiHost host) : IClassFixture<ApiHost>
{
    static string Policy(string name, string maxDuration = "2160h", string dnsPattern = "*.team-a.example") => $"""
        apiVersion: policy.cert-manager.io/v1alpha1
        kind: CertificateRequestPolicy
        metadata:
          name: {name}
        spec:
          selector:
            issuerRef:
              name: ca-*
            namespace:
              matchNames: [team-a]
          allowed:
            commonName:
              value: "{dnsPattern}"
            dnsNames:
              values: ["{dnsPattern}"]
              required: true
            usages: [digital signature, key encipherment]
          constraints:
            minDuration: 1h
            maxDuration: {maxDuration}
            privateKey:
              algorithm: ECDSA
              minSize: 256
        """;

    [Fact]
    public async Task Apply_ValidPolicy_StoredClusterScopedAndListed()
    {
        var name = "team-a-" + Guid.NewGuid().ToString("N")[..8];
        using var client = host.Client(ApiHost.Token);

        var first = await client.PostAsync("/api/apply", new StringContent(Policy(name), Encoding.UTF8, "application/yaml"));
        var again = await client.PostAsync("/api/apply", new StringContent(Policy(name), Encoding.UTF8, "application/yaml"));
        var changed = await client.PostAsync("/api/apply", new StringContent(Policy(name, maxDuration: "720h"), Encoding.UTF8, "application/yaml"));

        Assert.Equal(("created", "unchanged", "configured"), (await ActionAsync(first), await ActionAsync(again), await ActionAsync(changed)));
        var list = JsonNode.Parse(await client.GetStringAsync("/api/resources/CertificateRequestPolicy"))!;
        var item = list["items"]!.AsArray().Single(i => (string?)i!["metadata"]!["name"] == name)!;
        Assert.Equal("policy.cert-manager.io/v1alpha1", (string?)item["apiVersion"]);
        Assert.False(item["metadata"]!.AsObject().ContainsKey("namespace"));
        Assert.Equal("720h", (string?)item["spec"]!["constraints"]!["maxDuration"]);
        Assert.Equal(2, (long?)item["metadata"]!["generation"]);
    }

    [Theory]
    [InlineData("1h", "*.team-a.example", "spec.constraints.maxDuration", "maxDuration must be the same value as minDuration")]
    [InlineData("2160h", "", "spec.allowed.dnsNames.values[0]", "must not be empty")]
    [InlineData("90d", "*.team-a.example", "spec.constraints.maxDuration", "unknown unit")]
    public async Task Apply_InvalidPolicy_422NamingFieldNothingStored(string maxDuration, string pattern, string field, string fragment)
    {
        var name = "bad-" + Guid.NewGuid().ToString("N")[..8];
        var yaml = Policy(name, maxDuration, pattern).Replace("minDuration: 1h", "minDuration: 2h", StringComparison.Ordinal);
        using var client = host.Client(ApiHost.Token);

        var response = await client.PostAsync("/api/apply", new StringContent(yaml, Encoding.UTF8, "application/yaml"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var errors = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!.AsArray();
        Assert.Contains(errors, e => (string?)e!["field"] == field && ((string?)e["message"])!.Contains(fragment, StringComparison.Ordinal) && (string?)e["kind"] == "CertificateRequestPolicy");
        var get = await client.GetAsync($"/api/resources/CertificateRequestPolicy/_/{name}");
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
    }

    [Fact]
    public async Task Apply_UnsupportedPluginsField_422UnknownField()
    {
        var yaml = Policy("plugins-" + Guid.NewGuid().ToString("N")[..8]) + "\n  plugins:\n    rego:\n      values: {}\n";
        using var client = host.Client(ApiHost.Token);

        var response = await client.PostAsync("/api/apply", new StringContent(yaml, Encoding.UTF8, "application/yaml"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("spec.plugins", await response.Content.ReadAsStringAsync());
    }

    static async Task<string?> ActionAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return (string?)JsonNode.Parse(body)!["results"]![0]!["action"];
    }
}
