using System.Text.Json.Nodes;
using CertMesh.Cli.Tests.Support;
using Xunit;

namespace CertMesh.Cli.Tests.Commands;

public sealed class GetCommandTests
{
    [Fact]
    public async Task Get_ListInNamespace_PrintsTable()
    {
        using var api = FakeApi.Returning(200, Samples.List(Samples.ReadyCertificate, Samples.PendingCertificate));

        var result = await CliRun.RunAsync(api, "get", "certs", "-n", "shop");

        Assert.Equal((0, ""), (result.ExitCode, result.Err));
        Assert.Equal("NAME   READY   SECRET    AGE\nweb    True    web-tls   5m\napi    False   api-tls   3d\n", result.Out);
        Assert.Equal("/api/resources/Certificate?namespace=shop", Assert.Single(api.Requests).Path);
    }

    [Fact]
    public async Task Get_AllNamespaces_OmitsNamespaceParameterAndAddsColumn()
    {
        using var api = FakeApi.Returning(200, Samples.List(Samples.ReadyCertificate));

        var result = await CliRun.RunAsync(api, "get", "certificates", "-A");

        Assert.StartsWith("NAMESPACE   NAME   READY", result.Out);
        Assert.Equal("/api/resources/Certificate", Assert.Single(api.Requests).Path);
    }

    [Fact]
    public async Task Get_OneAsJson_PrintsServerObjectIndented()
    {
        using var api = FakeApi.Returning(200, Samples.ReadyCertificate);

        var result = await CliRun.RunAsync(api, "get", "certificate", "web", "-n", "shop", "-o", "json");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("/api/resources/Certificate/shop/web", Assert.Single(api.Requests).Path);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Samples.ReadyCertificate), JsonNode.Parse(result.Out)));
        Assert.StartsWith("{\n    \"apiVersion\": \"cert-manager.io/v1\",", result.Out);
    }

    [Fact]
    public async Task Get_Yaml_AsksServerForYamlAndPrintsIt()
    {
        using var api = new FakeApi(_ => new FakeResponse(200, "apiVersion: v1\nkind: List\nitems: []\n", "application/yaml"));

        var result = await CliRun.RunAsync(api, "get", "issuers", "-o", "yaml");

        Assert.Equal("apiVersion: v1\nkind: List\nitems: []\n", result.Out);
        Assert.Equal("/api/resources/Issuer?namespace=default&output=yaml", Assert.Single(api.Requests).Path);
    }

    [Theory]
    [InlineData(new[] { "get", "clusterissuer", "root", "-n", "shop" }, "/api/resources/ClusterIssuer/_/root")]
    [InlineData(new[] { "get", "ciss", "-n", "shop" }, "/api/resources/ClusterIssuer")]
    [InlineData(new[] { "get", "cr", "web-1", "-n", "shop" }, "/api/resources/CertificateRequest/shop/web-1")]
    [InlineData(new[] { "get", "orders" }, "/api/resources/Order?namespace=default")]
    [InlineData(new[] { "get", "challenge", "-n", "shop", "-o", "wide" }, "/api/resources/Challenge?namespace=shop")]
    [InlineData(new[] { "get", "secrets", "-A" }, "/api/resources/Secret")]
    public async Task Get_Kinds_UseStoredKindInPath(string[] args, string path)
    {
        using var api = FakeApi.Returning(200, Samples.List());

        await CliRun.RunAsync(api, args);

        Assert.Equal(path, Assert.Single(api.Requests).Path);
    }

    [Fact]
    public async Task Get_EmptyList_SaysNoResourcesOnStderr()
    {
        using var api = FakeApi.Returning(200, Samples.List());

        var result = await CliRun.RunAsync(api, "get", "certs", "-n", "shop");

        Assert.Equal((0, "", "No resources found in shop namespace.\n"), (result.ExitCode, result.Out, result.Err));
    }

    [Fact]
    public async Task Get_Missing_IsKubectlNotFound()
    {
        using var api = FakeApi.Returning(404, """{"kind":"Status","reason":"NotFound","message":"whatever"}""");

        var result = await CliRun.RunAsync(api, "get", "cert", "nope", "-n", "shop");

        Assert.Equal((1, "Error from server (NotFound): certificates.cert-manager.io \"nope\" not found\n"), (result.ExitCode, result.Err));
    }

    [Theory]
    [InlineData(new[] { "get" }, "error: missing resource type")]
    [InlineData(new[] { "get", "pods" }, "error: the server doesn't have a resource type \"pods\"")]
    [InlineData(new[] { "get", "certs", "-o", "table" }, "error: unable to match a printer suitable for the output format \"table\"")]
    [InlineData(new[] { "get", "certs", "web", "-A" }, "error: a resource cannot be retrieved by name across all namespaces")]
    [InlineData(new[] { "get", "certs", "web", "--out", "x" }, "error: --out works only with \"get secret NAME\"")]
    [InlineData(new[] { "get", "certs", "a", "b" }, "error: unexpected argument \"b\" for \"certmesh get\"")]
    [InlineData(new[] { "get", "certs", "--bogus" }, "error: unknown flag: --bogus")]
    public async Task Get_BadArguments_AreUsageErrors(string[] args, string message)
    {
        using var api = FakeApi.Returning(200, Samples.List());

        var result = await CliRun.RunAsync(api, args);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith(message, result.Err);
        Assert.Empty(api.Requests);
    }
}
