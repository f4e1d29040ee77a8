using System.Text;
using CertMesh.Cli.Http;
using CertMesh.Cli.Tests.Support;
using Xunit;

namespace CertMesh.Cli.Tests.Commands;

public sealed class SecretDownloadTests : IDisposable
{
    private static readonly Dictionary<string, string> WithToken = new() { ["CERTMESH_TOKEN"] = "s3cret" };
    private readonly string directory = Path.Combine(Path.GetTempPath(), "certmesh-cli-" + Guid.NewGuid().ToString("N"), "out");

    private static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    public void Dispose()
    {
        var root = Path.GetDirectoryName(directory)!;
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
    }

    [Fact]
    public async Task GetSecretOut_WritesEachKeyWithKeyFilePrivate()
    {
        using var api = FakeApi.Returning(200, $$$"""
            {"namespace":"shop","name":"web-tls","type":"kubernetes.io/tls",
             "data":{"tls.crt":"{{{B64("CERT")}}}","tls.key":"{{{B64("KEY")}}}","ca.crt":"{{{B64("CA")}}}"}}
            """);

        var result = await CliRun.RunWithAsync(api, null, WithToken, "get", "secret", "web-tls", "-n", "shop", "--out", directory);

        Assert.Equal((0, ""), (result.ExitCode, result.Err));
        var request = Assert.Single(api.Requests);
        Assert.Equal(("/api/secrets/shop/web-tls", "Bearer s3cret"), (request.Path, request.Authorization));
        Assert.Equal(
            string.Join("\n", new[] { "tls.crt", "tls.key", "ca.crt" }.Select(k => Path.Combine(directory, k))) + "\n",
            result.Out);
        Assert.Equal("CERT", await File.ReadAllTextAsync(Path.Combine(directory, "tls.crt")));
        Assert.Equal("KEY", await File.ReadAllTextAsync(Path.Combine(directory, "tls.key")));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(directory, "tls.key")));
            Assert.True(File.GetUnixFileMode(Path.Combine(directory, "ca.crt")).HasFlag(UnixFileMode.OtherRead));
        }
    }

    [Fact]
    public async Task GetSecretOut_ExistingWorldReadableKey_BecomesPrivate()
    {
        if (OperatingSystem.IsWindows()) return;
        Directory.CreateDirectory(directory);
        var key = Path.Combine(directory, "tls.key");
        await File.WriteAllTextAsync(key, "old");
        File.SetUnixFileMode(key, (UnixFileMode)Convert.ToInt32("644", 8));
        using var api = FakeApi.Returning(200, $$$"""{"data":{"tls.key":"{{{B64("NEW")}}}"}}""");

        await CliRun.RunWithAsync(api, null, WithToken, "get", "secret", "web-tls", "--out", directory);

        Assert.Equal("NEW", await File.ReadAllTextAsync(key));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(key));
    }

    [Fact]
    public async Task GetSecretOut_NoToken_ExplainsHowToAuthenticate()
    {
        using var api = FakeApi.Returning(401, """
            {"kind":"Status","status":"Failure","reason":"Unauthorized","message":"Unauthorized: a bearer token is required (Authorization: Bearer <token>)","code":401}
            """);

        var result = await CliRun.RunAsync(api, "get", "secret", "web-tls", "--out", directory);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("error: Unauthorized: a bearer token is required (Authorization: Bearer <token>)\n" + ApiErrors.TokenHint + "\n", result.Err);
        Assert.Null(Assert.Single(api.Requests).Authorization);
        Assert.False(Directory.Exists(directory));
    }

    [Fact]
    public async Task GetSecretOut_WrongToken_SaysItWasRejected()
    {
        using var api = FakeApi.Returning(401, """
            {"kind":"Status","status":"Failure","reason":"Unauthorized","message":"Unauthorized: the bearer token is not valid","code":401}
            """);

        var result = await CliRun.RunAsync(api, "--token", "wrong", "get", "secret", "web-tls", "--out", directory);

        Assert.Equal("error: Unauthorized: the bearer token is not valid\n", result.Err);
        Assert.Equal("Bearer wrong", Assert.Single(api.Requests).Authorization);
    }

    [Fact]
    public async Task GetSecretOut_Forbidden_ShowsWhoLacksWhichRole()
    {
        using var api = FakeApi.Returning(403, """
            {"kind":"Status","status":"Failure","reason":"Forbidden","message":"forbidden: principal \"ci\" cannot get Secret in namespace \"shop\" (needs role secrets in namespace \"shop\")","code":403}
            """);

        var result = await CliRun.RunWithAsync(api, null, WithToken, "get", "secret", "web-tls", "--out", directory);

        Assert.Equal((1, "error: forbidden: principal \"ci\" cannot get Secret in namespace \"shop\" (needs role secrets in namespace \"shop\")\n"), (result.ExitCode, result.Err));
        Assert.False(Directory.Exists(directory));
    }

    [Fact]
    public async Task GetSecretOut_Missing_IsNotFound()
    {
        using var api = FakeApi.Returning(404, "{}");

        var result = await CliRun.RunWithAsync(api, null, WithToken, "get", "secret", "nope", "--out", directory);

        Assert.Equal("Error from server (NotFound): secrets \"nope\" not found\n", result.Err);
    }

    [Fact]
    public async Task GetSecretOut_KeyThatIsAPath_IsRefused()
    {
        using var api = FakeApi.Returning(200, $$$"""{"data":{"../escape":"{{{B64("x")}}}"}}""");

        var result = await CliRun.RunWithAsync(api, null, WithToken, "get", "secret", "web-tls", "--out", directory);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("not a file name", result.Err);
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(directory)!, "escape")));
    }
}
