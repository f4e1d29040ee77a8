using CertMesh.Cli.Http;
using CertMesh.Cli.Tests.Support;
using Xunit;

namespace CertMesh.Cli.Tests.Commands;

public sealed class ApplyCommandTests
{
    private const string Yaml = "apiVersion: cert-manager.io/v1\nkind: ClusterIssuer\nmetadata:\n  name: root\nspec:\n  selfSigned: {}\n";

    private const string Applied = """
        {"results":[{"kind":"ClusterIssuer","namespace":null,"name":"root","action":"created"},
                    {"kind":"Certificate","namespace":"shop","name":"web","action":"configured"},
                    {"kind":"Issuer","namespace":"shop","name":"ca","action":"unchanged"}],"errors":[]}
        """;

    [Fact]
    public async Task Apply_File_PostsRawYamlAndPrintsLikeKubectl()
    {
        using var api = FakeApi.Returning(200, Applied);
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, Yaml);

        var result = await CliRun.RunWithAsync(api, null, new Dictionary<string, string> { ["CERTMESH_TOKEN"] = "s3cret" }, "apply", "-f", file);
        File.Delete(file);

        Assert.Equal((0, ""), (result.ExitCode, result.Err));
        Assert.Equal("""
            clusterissuer.cert-manager.io/root created
            certificate.cert-manager.io/web configured
            issuer.cert-manager.io/ca unchanged

            """, result.Out);
        var request = Assert.Single(api.Requests);
        Assert.Equal(("POST", "/api/apply", "Bearer s3cret", Yaml), (request.Method, request.Path, request.Authorization, request.Body));
        Assert.StartsWith("application/yaml", request.ContentType);
    }

    [Fact]
    public async Task Apply_Stdin_ReadsDashAndSendsNoTokenWhenUnset()
    {
        using var api = FakeApi.Returning(200, Applied);

        var result = await CliRun.RunWithAsync(api, Yaml, null, "apply", "-f", "-");

        Assert.Equal(0, result.ExitCode);
        var request = Assert.Single(api.Requests);
        Assert.Equal(Yaml, request.Body);
        Assert.Null(request.Authorization);
    }

    [Fact]
    public async Task Apply_Invalid_PrintsEveryErrorAndFails()
    {
        using var api = FakeApi.Returning(422, """
            {"results":[],"errors":[
              {"documentIndex":0,"kind":"Certificate","name":"web","field":"spec.privateKey.size","message":"expected an integer"},
              {"documentIndex":2,"kind":null,"name":null,"field":"","message":"YAML syntax error at line 3, column 1: oops"},
              {"documentIndex":1,"kind":"Issuer","name":null,"field":"metadata.name","message":"required field is missing"}]}
            """);

        var result = await CliRun.RunWithAsync(api, Yaml, null, "apply", "-f", "-");

        Assert.Equal((1, ""), (result.ExitCode, result.Out));
        Assert.Equal("""
            error: document 0 certificate/web: spec.privateKey.size: expected an integer
            error: document 2: YAML syntax error at line 3, column 1: oops
            error: document 1 issuer: metadata.name: required field is missing

            """, result.Err);
    }

    [Fact]
    public async Task Apply_ServerFailure_ShowsServerMessage()
    {
        using var api = FakeApi.Returning(500, """{"message":"database unavailable"}""");

        var result = await CliRun.RunWithAsync(api, Yaml, null, "apply", "-f", "-");

        Assert.Equal((1, "Error from server (InternalError): database unavailable\n"), (result.ExitCode, result.Err));
    }

    [Fact]
    public async Task Apply_MissingFile_FailsWithoutRequest()
    {
        using var api = FakeApi.Returning(200, Applied);

        var result = await CliRun.RunAsync(api, "apply", "-f", "/nonexistent/certs.yaml");

        Assert.Equal((1, "error: the path \"/nonexistent/certs.yaml\" does not exist\n"), (result.ExitCode, result.Err));
        Assert.Empty(api.Requests);
    }

    [Fact]
    public async Task Apply_NoFileFlag_IsUsageError()
    {
        var result = await CliRun.RunAsync(null, "apply");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: must specify -f FILE", result.Err);
    }

    [Fact]
    public async Task Apply_NothingApplied_SaysSo()
    {
        using var api = FakeApi.Returning(200, """{"results":[],"errors":[]}""");

        var result = await CliRun.RunWithAsync(api, "# only a comment\n", null, "apply", "-f", "-");

        Assert.Equal((1, "error: no objects passed to apply\n"), (result.ExitCode, result.Err));
    }

    [Fact]
    public async Task Apply_SecretWithIssuer_PrintsCoreSecretWithoutGroup()
    {
        using var api = FakeApi.Returning(200, """
            {"results":[{"kind":"Secret","namespace":"shop","name":"tsig-secret","action":"created"},
                        {"kind":"Issuer","namespace":"shop","name":"bind","action":"configured"},
                        {"kind":"Secret","namespace":"shop","name":"other","action":"unchanged"}],"errors":[]}
            """);

        var result = await CliRun.RunWithAsync(api, Yaml, new Dictionary<string, string> { ["CERTMESH_TOKEN"] = "s3cret" }, "apply", "-f", "-");

        Assert.Equal((0, ""), (result.ExitCode, result.Err));
        Assert.Equal("secret/tsig-secret created\nissuer.cert-manager.io/bind configured\nsecret/other unchanged\n", result.Out);
        Assert.Equal("Bearer s3cret", Assert.Single(api.Requests).Authorization);
    }

    private const string ApplyForbidden = """
        {"kind":"Status","status":"Failure","reason":"Forbidden","code":403,
         "message":"forbidden: principal \"ci\" cannot apply Certificate in namespace \"b\" (needs role edit in namespace \"b\"); principal \"ci\" cannot apply Secret in namespace \"b\" (needs role secrets in namespace \"b\"); nothing in this manifest was applied",
         "results":[],"errors":[
          {"documentIndex":0,"kind":"Certificate","name":"web","field":"","message":"forbidden: principal \"ci\" cannot apply Certificate in namespace \"b\" (needs role edit in namespace \"b\")"},
          {"documentIndex":2,"kind":"Secret","name":"tsig-secret","field":"","message":"forbidden: principal \"ci\" cannot apply Secret in namespace \"b\" (needs role secrets in namespace \"b\")"}]}
        """;

    [Fact]
    public async Task Apply_Forbidden_NamesEveryRefusedDocumentThenTheSummary()
    {
        using var api = FakeApi.Returning(403, ApplyForbidden);

        var result = await CliRun.RunWithAsync(api, Yaml, null, "--token", "cm_ci", "apply", "-f", "-");

        Assert.Equal((1, ""), (result.ExitCode, result.Out));
        Assert.Equal("""
            error: document 0 certificate/web: forbidden: principal "ci" cannot apply Certificate in namespace "b" (needs role edit in namespace "b")
            error: document 2 secret/tsig-secret: forbidden: principal "ci" cannot apply Secret in namespace "b" (needs role secrets in namespace "b")
            error: forbidden: principal "ci" cannot apply Certificate in namespace "b" (needs role edit in namespace "b"); principal "ci" cannot apply Secret in namespace "b" (needs role secrets in namespace "b"); nothing in this manifest was applied

            """, result.Err);
    }

    private const string MissingToken = """
        {"kind":"Status","status":"Failure","reason":"Unauthorized","message":"Unauthorized: a bearer token is required (Authorization: Bearer <token>)","code":401}
        """;

    [Fact]
    public async Task Apply_WithoutToken_PrintsUnauthorizedAndWhereTheTokenGoes()
    {
        using var api = FakeApi.Returning(401, MissingToken);

        var result = await CliRun.RunWithAsync(api, Yaml, null, "apply", "-f", "-");

        Assert.Equal((1, ""), (result.ExitCode, result.Out));
        Assert.Equal("""
            error: Unauthorized: a bearer token is required (Authorization: Bearer <token>)
            hint: pass a Principal's token with --token or $CERTMESH_TOKEN (certmesh auth new-token makes one)

            """, result.Err);
    }

    [Fact]
    public async Task Apply_ExpiredToken_PrintsTheApiReasonWithoutHint()
    {
        using var api = FakeApi.Returning(401, """
            {"kind":"Status","status":"Failure","reason":"Unauthorized","message":"Unauthorized: token \"laptop\" of principal \"alice\" has expired","code":401}
            """);

        var result = await CliRun.RunWithAsync(api, Yaml, null, "--token", "cm_old", "apply", "-f", "-");

        Assert.Equal((1, "error: Unauthorized: token \"laptop\" of principal \"alice\" has expired\n"), (result.ExitCode, result.Err));
    }

    [Fact]
    public async Task Apply_401WithoutJsonBody_StillExplains()
    {
        using var api = FakeApi.Returning(401, "Unauthorized");

        var result = await CliRun.RunWithAsync(api, Yaml, null, "apply", "-f", "-");

        Assert.Equal((1, "error: Unauthorized\n" + ApiErrors.TokenHint + "\n"), (result.ExitCode, result.Err));
    }

    [Fact]
    public async Task Apply_Help_MentionsSecretsAuthKindsAndCanI()
    {
        var result = await CliRun.RunAsync(null, "apply", "--help");

        Assert.Contains("v1 Secrets", result.Out);
        Assert.Contains("auth.certmesh.io/v1 Principals", result.Out);
        Assert.Contains("certmesh auth can-i apply KIND -n NS", result.Out);
    }
}
