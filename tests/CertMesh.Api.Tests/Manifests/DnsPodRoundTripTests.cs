using System.Text.Json;
using System.Text.Json.Nodes;
using CertMesh.Api.Manifests;
using CertMesh.Api.Tests.Support;
using Xunit;

namespace CertMesh.Api.Tests.Manifests;

/// <summary>The DNSPod webhook ClusterIssuer as its README writes it: applies unchanged and prints back the same.</summary>
public sealed class DnsPodRoundTripTests
{
    private const string DnsPodIssuer = DnsPodManifest.Issuer;

    [Fact]
    public void Read_DnsPodIssuer_KeepsConfigVerbatim()
    {
        var result = ManifestReader.Read(DnsPodIssuer);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        var issuer = Assert.IsType<IssuerManifest>(Assert.Single(result.Documents)).Issuer;
        var config = Config(JsonSerializer.SerializeToNode(issuer.Spec.Acme)!);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""
            {"secretId":"AKIDxxxxx","secretKeyRef":{"name":"dnspod-secret","key":"secret-key"},"ttl":600,"recordLine":""}
            """), config), config.ToJsonString());
    }

    [Fact]
    public void ToYaml_DnsPodIssuer_ReadsBackToTheSameSpec()
    {
        var issuer = ((IssuerManifest)ManifestReader.Read(DnsPodIssuer).Documents[0]).Issuer;

        var yaml = ResourcePrinter.ToYaml(ResourcePrinter.ToJson(issuer));
        var again = ManifestReader.Read(yaml);

        Assert.True(again.IsValid, string.Join("\n", again.Errors) + "\n" + yaml);
        var reread = ((IssuerManifest)again.Documents[0]).Issuer;
        Assert.Contains("      recordLine: \"\"\n", yaml);
        Assert.True(JsonNode.DeepEquals(JsonSerializer.SerializeToNode(issuer.Spec), JsonSerializer.SerializeToNode(reread.Spec)), yaml);
    }

    private static JsonNode Config(JsonNode acme) => acme["solvers"]![0]!["dns01"]!["webhook"]!["config"]!;
}
