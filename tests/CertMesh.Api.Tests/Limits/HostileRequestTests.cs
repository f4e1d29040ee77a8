using System.Net;
using System.Text;
using System.Text.Json;
using CertMesh.Api.Manifests;
using CertMesh.Api.Tests.Support;
using Xunit;

namespace CertMesh.Api.Tests.Limits;

/// <summary>
/// <c>POST /api/apply</c> with hostile manifests on a real Kestrel: each is answered 422 with one small error list naming
/// the limit it broke, and nothing is stored; a long name in a URL is quoted as a prefix too. (The same inputs against the real Api process: HostileInputProcessTests.)
/// </summary>
public sealed class HostileRequestTests(ApiHost host) : IClassFixture<ApiHost>
{
    private static readonly Dictionary<string, (Func<string> Yaml, string Limit)> Cases = new()
    {
        ["flow mapping nested 20,000 deep"] = (() => HostileManifests.DeepFlowMapping(20_000), "(limit MaxDepth)"),
        ["1 MB string with 1,000 aliases"] = (() => HostileManifests.AliasesToLargeString(1_000_000, 1_000), "(limit MaxExpandedBytes)"),
        ["billion laughs"] = (HostileManifests.BillionLaughs, "(limit MaxNodes)"),
        ["501 documents"] = (() => HostileManifests.Documents(501), "(limit MaxDocuments)"),
        ["10,000 dnsNames"] = (() => HostileManifests.ManyDnsNames(10_000), "(limit MaxSubjectAltNames)"),
        ["300 KiB annotation"] = (() => HostileManifests.Annotation(300 * 1024), "(limit MaxAnnotationsBytes)"),
        ["200 KB label value"] = (() => HostileManifests.LabelValue(200_000), "(limit MaxLabelValueLength)"),
        ["1 MB label value"] = (() => HostileManifests.LabelValue(1024 * 1024), "(limit MaxObjectBytes)"),
        ["200 KB label key"] = (() => HostileManifests.LabelKey(200_000), "(limit MaxKeyNameLength)"),
        ["500 KB invalid dnsName"] = (() => HostileManifests.LongBadDnsName(500_000), "...\" (500004 characters)"),
        ["1 MB invalid name"] = (() => HostileManifests.LongBadName(1024 * 1024), "...\" (1048576 characters)"),
    };

    public static TheoryData<string> CaseNames => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task Apply_HostileManifest_422NamingTheLimit(string name)
    {
        var (yaml, limit) = Cases[name];
        using var client = host.Client(ApiHost.Token);

        var (status, body) = await ApplyAsync(client, yaml());

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.True(body.Length < 32 * 1024, $"{body.Length} bytes: {body[..Math.Min(body.Length, 500)]}");
        using var json = JsonDocument.Parse(body);
        Assert.Empty(json.RootElement.GetProperty("results").EnumerateArray());
        Assert.Contains(json.RootElement.GetProperty("errors").EnumerateArray(), e => e.GetProperty("message").GetString()!.Contains(limit, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Apply_VaultBlockNestedToTheDepthLimit_AppliedNotAServerError()
    {
        // root mapping, spec and vault are three levels; the rest of the limit goes to the verbatim block.
        var nested = HostileManifests.DeepFlowMapping(YamlLimits.MaxDepth - 3);
        var yaml = $"apiVersion: cert-manager.io/v1\nkind: Issuer\nmetadata: {{name: deep, namespace: hostile}}\nspec:\n  vault: {{server: \"https://vault:8200\", path: pki/sign/x, deep: {nested}}}\n";
        using var client = host.Client();

        var (status, body) = await ApplyAsync(client, yaml);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("created", body);
    }

    [Fact]
    public async Task Apply_CertificateWithTenThousandBadNames_AHundredErrorsAndTheRightCount()
    {
        var yaml = HostileManifests.CertificateWith("", "  dnsNames:\n" + string.Concat(Enumerable.Range(0, 10_000).Select(i => $"  - bad_{i}.example.com\n")));
        using var client = host.Client();

        var (status, body) = await ApplyAsync(client, yaml);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        using var json = JsonDocument.Parse(body);
        var errors = json.RootElement.GetProperty("errors").EnumerateArray().ToList();
        Assert.Equal(101, errors.Count);
        // 10,000 bad names, the count over MaxSubjectAltNames and the issuer not found: 10,002 in all.
        Assert.Equal("9902 more errors not shown (at most 100 are reported; limit MaxReported)", errors[^1].GetProperty("message").GetString());
    }

    [Fact]
    public async Task Apply_ManySecretsWithoutSecretsRole_RefusalListIsCapped()
    {
        using var client = host.Client(await host.PrincipalAsync("hostile-editor", ("edit", "hostile")));

        var (status, body) = await ApplyAsync(client, HostileManifests.Documents(300));

        Assert.Equal(HttpStatusCode.Forbidden, status);
        using var json = JsonDocument.Parse(body);
        var errors = json.RootElement.GetProperty("errors").EnumerateArray().ToList();
        Assert.Equal(101, errors.Count);
        Assert.Equal("200 more errors not shown (at most 100 are reported; limit MaxReported)", errors[^1].GetProperty("message").GetString());
    }

    [Fact]
    public async Task Get_LongUnknownName_NotFoundQuotesAPrefix()
    {
        using var client = host.Client();

        using var response = await client.GetAsync($"/api/resources/Certificate/default/{new string('n', 6000)}");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal($"certificates.cert-manager.io \"{new string('n', 64)}...\" (6000 characters) not found", json.RootElement.GetProperty("message").GetString());
    }

    private static async Task<(HttpStatusCode Status, string Body)> ApplyAsync(HttpClient client, string yaml)
    {
        using var content = new StringContent(yaml, Encoding.UTF8, "application/yaml");
        using var response = await client.PostAsync("/api/apply", content);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
