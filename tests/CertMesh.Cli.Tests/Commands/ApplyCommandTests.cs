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

    private const string SecretRefused = """
        {"message":"a valid bearer token is required to write Secrets","results":[],"errors":[
          {"documentIndex":1,"kind":"Secret","name":"tsig-secret","field":"","message":"a valid bearer token is required to write a Secret; nothing in this manifest was applied"}]}
        """;

    [Fact]
    public async Task Apply_SecretWithoutToken_NamesDocumentAndSaysHowToPassToken()
    {
        using var api = FakeApi.Returning(401, SecretRefused);

        var result = await CliRun.RunWithAsync(api, Yaml, null, "apply", "-f", "-");

        Assert.Equal((1, ""), (result.ExitCode, result.Out));
        Assert.Equal("""
            error: document 1 secret/tsig-secret: a valid bearer token is required to write a Secret; nothing in this manifest was applied
            error: unauthorized (401): the CertMesh API needs a bearer token; set CERTMESH_TOKEN or pass --token

            """, result.Err);
    }

    [Fact]
    public async Task Apply_SecretWithWrongToken_SaysTheTokenWasRejected()
    {
        using var api = FakeApi.Returning(401, SecretRefused);

        var result = await CliRun.RunWithAsync(api, Yaml, null, "--token", "wrong", "apply", "-f", "-");

        Assert.Equal(1, result.ExitCode);
        Assert.EndsWith("error: unauthorized (401): the CertMesh API rejected the token: a valid bearer token is required to write Secrets\n", result.Err);
    }

    [Fact]
    public async Task Apply_SecretWhenApiHasNoToken_ReportsForbidden()
    {
        using var api = FakeApi.Returning(403, """
            {"message":"secret access is disabled: the Api has no CERTMESH_API_TOKEN configured","results":[],"errors":[
              {"documentIndex":0,"kind":"Secret","name":"tsig-secret","field":"","message":"secret access is disabled: the Api has no CERTMESH_API_TOKEN configured; nothing in this manifest was applied"}]}
            """);

        var result = await CliRun.RunWithAsync(api, Yaml, null, "--token", "t", "apply", "-f", "-");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("""
            error: document 0 secret/tsig-secret: secret access is disabled: the Api has no CERTMESH_API_TOKEN configured; nothing in this manifest was applied
            error: forbidden (403): secret access is disabled: the Api has no CERTMESH_API_TOKEN configured

            """, result.Err);
    }

    [Fact]
    public async Task Apply_401WithoutJsonBody_StillExplains()
    {
        using var api = FakeApi.Returning(401, "Unauthorized");

        var result = await CliRun.RunWithAsync(api, Yaml, null, "apply", "-f", "-");

        Assert.Equal((1, "error: unauthorized (401): the CertMesh API needs a bearer token; set CERTMESH_TOKEN or pass --token\n"), (result.ExitCode, result.Err));
    }

    [Fact]
    public async Task Apply_Help_MentionsSecretsAndToken()
    {
        var result = await CliRun.RunAsync(null, "apply", "--help");

        Assert.Contains("v1 Secrets", result.Out);
        Assert.Contains("Writing a Secret needs the API token", result.Out);
    }
}
