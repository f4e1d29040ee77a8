using CertMesh.Cli.Tests.Support;
using Xunit;

namespace CertMesh.Cli.Tests.Commands;

public sealed class GetAuthKindsTests
{
    [Theory]
    [InlineData("principals", "/api/resources/Principal")]
    [InlineData("clusterrolebindings", "/api/resources/ClusterRoleBinding")]
    [InlineData("clusterissuergrants.auth.certmesh.io", "/api/resources/ClusterIssuerGrant")]
    [InlineData("rolebindings", "/api/resources/RoleBinding?namespace=shop")]
    public async Task GetList_AuthKind_AsksTheResourceRouteScopedLikeTheKind(string kind, string path)
    {
        using var api = FakeApi.Returning(200, Samples.List());

        var result = await CliRun.RunAsync(api, "get", kind, "-n", "shop");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(path, Assert.Single(api.Requests).Path);
    }

    [Fact]
    public async Task GetOne_Principal_UsesTheClusterScopeSegment()
    {
        using var api = FakeApi.Returning(200, AuthSamples.Principal);

        var result = await CliRun.RunAsync(api, "get", "principal", "ci");

        Assert.Equal((0, ""), (result.ExitCode, result.Err));
        Assert.Equal("/api/resources/Principal/_/ci", Assert.Single(api.Requests).Path);
        Assert.StartsWith("NAME   RABBITMQ USER   TOKENS   DISABLED   AGE\nci     ci-bus          2        false      24h\n", result.Out);
    }

    [Fact]
    public async Task GetList_NoPrincipals_SaysNoResourcesWithoutNamespace()
    {
        using var api = FakeApi.Returning(200, Samples.List());

        var result = await CliRun.RunAsync(api, "get", "principals");

        Assert.Equal((0, "", "No resources found\n"), (result.ExitCode, result.Out, result.Err));
    }

    [Fact]
    public async Task GetOne_MissingRoleBinding_NamesTheGroupQualifiedResource()
    {
        using var api = FakeApi.Returning(404, "{}");

        var result = await CliRun.RunAsync(api, "get", "rolebinding", "nope", "-n", "shop");

        Assert.Equal((1, "Error from server (NotFound): rolebindings.auth.certmesh.io \"nope\" not found\n"), (result.ExitCode, result.Err));
    }
}
