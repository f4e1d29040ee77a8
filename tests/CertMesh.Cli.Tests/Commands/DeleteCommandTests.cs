using CertMesh.Cli.Http;
using CertMesh.Cli.Tests.Support;
using Xunit;

namespace CertMesh.Cli.Tests.Commands;

public sealed class DeleteCommandTests
{
    [Theory]
    [InlineData("certificate")]
    [InlineData("certificates")]
    [InlineData("cert")]
    public async Task Delete_Certificate_UsesTheCertificateEndpoint(string kind)
    {
        using var api = FakeApi.Returning(200, """{"namespace":"shop","name":"web","deleted":true}""");

        var result = await CliRun.RunAsync(api, "delete", kind, "web", "-n", "shop");

        Assert.Equal((0, "certificate.cert-manager.io \"web\" deleted\n", ""), (result.ExitCode, result.Out, result.Err));
        var request = Assert.Single(api.Requests);
        Assert.Equal(("DELETE", "/api/certificates/shop/web"), (request.Method, request.Path));
    }

    [Theory]
    [InlineData("rolebinding", "/api/resources/RoleBinding/shop/ci-edit", "rolebinding.auth.certmesh.io \"ci-edit\" deleted")]
    [InlineData("rolebindings.auth.certmesh.io", "/api/resources/RoleBinding/shop/ci-edit", "rolebinding.auth.certmesh.io \"ci-edit\" deleted")]
    [InlineData("principal", "/api/resources/Principal/_/ci-edit", "principal.auth.certmesh.io \"ci-edit\" deleted")]
    [InlineData("clusterrolebinding", "/api/resources/ClusterRoleBinding/_/ci-edit", "clusterrolebinding.auth.certmesh.io \"ci-edit\" deleted")]
    [InlineData("clusterissuergrant", "/api/resources/ClusterIssuerGrant/_/ci-edit", "clusterissuergrant.auth.certmesh.io \"ci-edit\" deleted")]
    [InlineData("crp", "/api/resources/CertificateRequestPolicy/_/ci-edit", "certificaterequestpolicy.policy.cert-manager.io \"ci-edit\" deleted")]
    [InlineData("ns", "/api/resources/Namespace/_/ci-edit", "namespace \"ci-edit\" deleted")]
    public async Task Delete_ApiOwnedKind_UsesTheResourceEndpoint_ClusterScopedAsUnderscore(string kind, string path, string line)
    {
        using var api = FakeApi.Returning(200, """{"kind":"X","namespace":"shop","name":"ci-edit","deleted":true}""");

        var result = await CliRun.RunAsync(api, "delete", kind, "ci-edit", "-n", "shop");

        Assert.Equal((0, line + "\n", ""), (result.ExitCode, result.Out, result.Err));
        var request = Assert.Single(api.Requests);
        Assert.Equal(("DELETE", path), (request.Method, request.Path));
    }

    [Fact]
    public async Task Delete_WithoutNamespace_UsesDefault()
    {
        using var api = FakeApi.Returning(200, "{}");

        await CliRun.RunAsync(api, "delete", "rolebinding", "ci-edit");

        Assert.Equal("/api/resources/RoleBinding/default/ci-edit", Assert.Single(api.Requests).Path);
    }

    [Fact]
    public async Task Delete_OneMissing_ReportsItAndDeletesTheRest_ExitsOne()
    {
        using var api = new FakeApi(r => r.Path.EndsWith("/nope", StringComparison.Ordinal)
            ? new FakeResponse(404, """{"kind":"Status","status":"Failure","reason":"NotFound","code":404,"message":"ClusterIssuerGrant \"nope\" not found"}""")
            : new FakeResponse(200, "{}"));

        var result = await CliRun.RunAsync(api, "delete", "clusterissuergrant", "a", "nope", "b");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("clusterissuergrant.auth.certmesh.io \"a\" deleted\nclusterissuergrant.auth.certmesh.io \"b\" deleted\n", result.Out);
        Assert.Equal("Error from server (NotFound): clusterissuergrants.auth.certmesh.io \"nope\" not found\n", result.Err);
        Assert.Equal(
            ["/api/resources/ClusterIssuerGrant/_/a", "/api/resources/ClusterIssuerGrant/_/nope", "/api/resources/ClusterIssuerGrant/_/b"],
            api.Requests.Select(r => r.Path));
    }

    [Fact]
    public async Task Delete_Forbidden_PrintsTheApiMessage_AndTriesTheOthers()
    {
        using var api = new FakeApi(r => r.Path.EndsWith("/web", StringComparison.Ordinal)
            ? new FakeResponse(403, """{"kind":"Status","status":"Failure","reason":"Forbidden","code":403,"message":"forbidden: principal \"ci\" cannot delete Certificate in namespace \"shop\" (needs role edit in namespace \"shop\")"}""")
            : new FakeResponse(200, "{}"));

        var result = await CliRun.RunAsync(api, "--token", "cm_x", "delete", "cert", "web", "api", "-n", "shop");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("certificate.cert-manager.io \"api\" deleted\n", result.Out);
        Assert.Equal("error: forbidden: principal \"ci\" cannot delete Certificate in namespace \"shop\" (needs role edit in namespace \"shop\")\n", result.Err);
        Assert.Equal(2, api.Requests.Count);
    }

    [Fact]
    public async Task Delete_Unauthorized_StopsAtTheFirstName()
    {
        using var api = FakeApi.Returning(401, """{"kind":"Status","status":"Failure","reason":"Unauthorized","code":401,"message":"Unauthorized: no bearer token"}""");

        var result = await CliRun.RunAsync(api, "delete", "principal", "alice", "bob");

        Assert.Equal((1, ""), (result.ExitCode, result.Out));
        Assert.Equal($"error: Unauthorized: no bearer token\n{ApiErrors.TokenHint}\n", result.Err);
        Assert.Single(api.Requests);
    }

    [Fact]
    public async Task Delete_KindTheApiRefuses_ReportsMethodNotAllowed()
    {
        using var api = FakeApi.Returning(405, """{"kind":"Status","status":"Failure","reason":"MethodNotAllowed","code":405,"message":"\"Principal\" cannot be deleted here"}""");

        var result = await CliRun.RunAsync(api, "delete", "principal", "alice", "bob");

        Assert.Equal((1, "Error from server (MethodNotAllowed): \"Principal\" cannot be deleted here\n"), (result.ExitCode, result.Err));
        Assert.Single(api.Requests);
    }

    [Theory]
    [InlineData("issuer")]
    [InlineData("secrets")]
    [InlineData("cr")]
    [InlineData("events")]
    public async Task Delete_UnsupportedKind_IsUsageErrorNamingTheDeletableKinds(string kind)
    {
        using var api = FakeApi.Returning(500);

        var result = await CliRun.RunAsync(api, "delete", kind, "x");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith(
            "error: delete supports certificates, principals, rolebindings, clusterrolebindings, clusterissuergrants, certificaterequestpolicies, namespaces; not ",
            result.Err);
        Assert.Empty(api.Requests);
    }

    [Theory]
    [InlineData(new[] { "delete" }, "error: missing resource type")]
    [InlineData(new[] { "delete", "cert" }, "error: missing certificate name")]
    [InlineData(new[] { "delete", "widgets", "x" }, "error: the server doesn't have a resource type \"widgets\"")]
    public async Task Delete_BadArguments_AreUsageErrorsWithoutCallingTheApi(string[] args, string message)
    {
        using var api = FakeApi.Returning(500);

        var result = await CliRun.RunAsync(api, args);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith(message, result.Err);
        Assert.Empty(api.Requests);
    }
}
