using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CertMesh.Api.Manifests;
using CertMesh.Api.Tests.Support;
using Xunit;

namespace CertMesh.Api.Tests.Endpoints;

/// <summary>The DNSPod webhook ClusterIssuer applied through the Api and read back with <c>get clusterissuer -o yaml</c>.</summary>
public sealed class ApplyDnsPodIssuerTests(ApiHost host) : IClassFixture<ApiHost>
{
    private const string DnsPodIssuer = DnsPodManifest.Issuer;

    [Fact]
    public async Task Apply_DnsPodIssuer_ConfigSurvivesGetYaml()
    {
        using var client = host.Client();
        using var content = new StringContent(DnsPodIssuer, Encoding.UTF8, "application/yaml");

        using var applied = await client.PostAsync("/api/apply", content);
        var yaml = await client.GetStringAsync("/api/resources/ClusterIssuer/_/dnspod?output=yaml");

        Assert.Equal(HttpStatusCode.OK, applied.StatusCode);
        var reread = ManifestReader.Read(yaml);
        Assert.True(reread.IsValid, string.Join("\n", reread.Errors) + "\n" + yaml);
        var acme = JsonNode.Parse(((IssuerManifest)reread.Documents[0]).Issuer.Spec.Acme!.Value.GetRawText())!;
        var config = acme["solvers"]![0]!["dns01"]!["webhook"]!["config"]!;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""
            {"secretId":"AKIDxxxxx","secretKeyRef":{"name":"dnspod-secret","key":"secret-key"},"ttl":600,"recordLine":""}
            """), config), yaml);
        Assert.Contains("recordLine: \"\"", yaml);
        Assert.Equal("acme.imroc.cc", (string?)acme["solvers"]![0]!["dns01"]!["webhook"]!["groupName"]);
    }

    [Fact]
    public async Task Apply_DnsPodIssuerWithoutSolverName_Is422NamingThePath()
    {
        using var client = host.Client();
        using var content = new StringContent(DnsPodIssuer.Replace("name: dnspod\n", "name: dnspod-broken\n").Replace("solverName: dnspod", "solverName: \"\""), Encoding.UTF8, "application/yaml");

        using var response = await client.PostAsync("/api/apply", content);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var error = Assert.Single(body.RootElement.GetProperty("errors").EnumerateArray());
        Assert.Equal("spec.acme.solvers[0].dns01.webhook.solverName", error.GetProperty("field").GetString());
        Assert.StartsWith("Required value", error.GetProperty("message").GetString());
    }
}
