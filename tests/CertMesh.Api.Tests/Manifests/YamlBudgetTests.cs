using System.Diagnostics;
using CertMesh.Api.Manifests;
using CertMesh.Api.Tests.Support;
using Xunit;

namespace CertMesh.Api.Tests.Manifests;

/// <summary>
/// The YAML limits, checked on the event stream before any node tree is built: each hostile manifest is refused with
/// one error naming its limit, quickly, and a manifest just within each limit still reads.
/// </summary>
public sealed class YamlBudgetTests
{
    private static readonly Dictionary<string, (Func<string> Yaml, string Limit)> Hostile = new()
    {
        ["flow mapping nested 20,000 deep"] = (() => HostileManifests.DeepFlowMapping(20_000), "MaxDepth"),
        ["flow sequence nested 65 deep"] = (() => HostileManifests.DeepFlowSequence(65), "MaxDepth"),
        ["block mapping nested 200 deep"] = (() => HostileManifests.DeepBlockMapping(200), "MaxDepth"),
        ["alias to a deep node placed deep"] = (() => "a: &a " + HostileManifests.DeepFlowSequence(40) + "\nb: " + HostileManifests.DeepFlowSequence(30)[..30] + "*a" + HostileManifests.DeepFlowSequence(30)[30..], "MaxDepth"),
        ["1 MB string with 1,000 aliases to it"] = (() => HostileManifests.AliasesToLargeString(1_000_000, 1_000), "MaxExpandedBytes"),
        ["billion laughs"] = (HostileManifests.BillionLaughs, "MaxNodes"),
        ["alias inside its own anchor"] = (() => "spec: &a {x: *a}\n", "MaxNodes"),
        ["501 documents"] = (() => HostileManifests.Documents(501), "MaxDocuments"),
        ["100,000 empty documents"] = (() => string.Concat(Enumerable.Repeat("---\n", 100_000)), "MaxDocuments"),
        ["a List of 501 items"] = (() => HostileManifests.ListOf(501), "MaxDocuments"),
        ["a 2 MB scalar"] = (() => HostileManifests.Annotation(2 * 1024 * 1024), "MaxScalarBytes"),
        ["150,000 scalars"] = (() => "[" + string.Join(",", Enumerable.Repeat("1", 150_000)) + "]", "MaxNodes"),
    };

    public static TheoryData<string> HostileCases => new(Hostile.Keys);

    [Theory]
    [MemberData(nameof(HostileCases))]
    public void Read_HostileYaml_OneErrorNamingTheLimit(string name)
    {
        var (yaml, limit) = Hostile[name];
        var text = yaml();
        var clock = Stopwatch.StartNew();

        var result = ManifestReader.Read(text);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        Assert.Empty(result.Documents);
        var error = Assert.Single(result.Errors);
        Assert.EndsWith($"(limit {limit})", error.Message.Split("; apply them")[0]);
        Assert.True(error.Message.Length < 300, error.Message);
    }

    [Theory]
    [InlineData("20,000 deep", 20_000)]
    [InlineData("just over", YamlLimits.MaxDepth + 1)]
    public void Load_DeepFlowMapping_RefusedBeforeAnyNodeIsBuilt(string _, int depth)
    {
        var (roots, error) = YamlDocuments.Load(HostileManifests.DeepFlowMapping(depth));

        Assert.Empty(roots);
        Assert.Equal($"YAML limit exceeded: nested too deeply: more than 64 levels of mappings and sequences at line 1 (limit MaxDepth)", error!.Message);
    }

    [Fact]
    public void Load_AtTheDepthLimit_Loads()
    {
        var (roots, error) = YamlDocuments.Load(HostileManifests.DeepFlowMapping(YamlLimits.MaxDepth));

        Assert.Null(error);
        Assert.Single(roots);
    }

    [Fact]
    public void Read_FiveHundredDocuments_AllRead()
    {
        var result = ManifestReader.Read(HostileManifests.Documents(YamlLimits.MaxDocuments));

        Assert.Empty(result.Errors);
        Assert.Equal(YamlLimits.MaxDocuments, result.Documents.Count);
    }

    [Fact]
    public void Read_ModestAliases_StillWork()
    {
        var yaml = HostileManifests.CertificateWith("  labels: &labels {team: web}\n", "  dnsNames: [web.example.com]\n  secretTemplate:\n    labels: *labels\n");

        var result = ManifestReader.Read(yaml);

        Assert.Empty(result.Errors);
        var certificate = Assert.IsType<CertificateManifest>(Assert.Single(result.Documents));
        Assert.Equal("web", certificate.Command.Spec.SecretTemplate!.Labels!["team"]);
    }

    [Fact]
    public void Read_DuplicateOneMegabyteKey_SyntaxErrorQuotesAPrefix()
    {
        var key = new string('k', 1024 * 1024);

        // An explicit key ("? "): YAML itself limits implicit keys to 1024 characters.
        var error = Assert.Single(ManifestReader.Read($"? {key}\n: 1\n? {key}\n: 2\n").Errors);

        Assert.StartsWith("YAML syntax error at line 3, column 3: Duplicate key kkkk", error.Message);
        Assert.True(error.Message.Length < 300, $"{error.Message.Length} characters");
    }

    [Fact]
    public void Read_ThousandUnknownFields_AHundredErrorsAndACount()
    {
        var yaml = HostileManifests.CertificateWith("", "  dnsNames: [web.example.com]\n" + string.Concat(Enumerable.Range(0, 1_000).Select(i => $"  unknown{i}: x\n")));

        var errors = ManifestReader.Read(yaml).Errors;

        Assert.Equal(101, errors.Count);
        Assert.Equal("spec.unknown0", errors[0].Field);
        Assert.Equal("900 more errors not shown (at most 100 are reported; limit MaxReported)", errors[^1].Message);
    }

    [Fact]
    public void Read_OneMegabyteUnknownKey_FieldNamedByAPrefix()
    {
        var key = new string('u', 1024 * 1024);

        var error = Assert.Single(ManifestReader.Read(HostileManifests.CertificateWith("", $"  dnsNames: [web.example.com]\n  ? {key}\n  : x\n")).Errors);

        Assert.Equal("spec." + new string('u', 64) + "...", error.Field);
    }
}
