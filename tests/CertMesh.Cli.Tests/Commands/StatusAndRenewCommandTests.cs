using CertMesh.Cli.Tests.Support;
using Xunit;

namespace CertMesh.Cli.Tests.Commands;

public sealed class StatusAndRenewCommandTests
{
    [Fact]
    public async Task Status_Certificate_PrintsCmctlStyleReport()
    {
        using var api = FakeApi.Returning(200, $$"""{"certificate":{{Samples.ReadyCertificate}},"request":null,"secret":null,"events":[]}""");

        var result = await CliRun.RunAsync(api, "status", "certificate", "web", "-n", "shop");

        Assert.Equal((0, ""), (result.ExitCode, result.Err));
        Assert.StartsWith("Name: web\nNamespace: shop\nCreated at: 2024-05-01T11:55:00Z\n", result.Out);
        Assert.Equal("/api/status/certificate/shop/web", Assert.Single(api.Requests).Path);
    }

    [Fact]
    public async Task Status_Missing_IsNotFound()
    {
        using var api = FakeApi.Returning(404, "{}");

        var result = await CliRun.RunAsync(api, "status", "cert", "nope");

        Assert.Equal((1, "Error from server (NotFound): certificates.cert-manager.io \"nope\" not found\n"), (result.ExitCode, result.Err));
        Assert.Equal("/api/status/certificate/default/nope", Assert.Single(api.Requests).Path);
    }

    [Theory]
    [InlineData(new[] { "status", "issuer", "ca" }, "error: status supports certificates only, not issuers")]
    [InlineData(new[] { "status", "certificate" }, "error: missing certificate name")]
    public async Task Status_BadArguments_AreUsageErrors(string[] args, string message)
    {
        var result = await CliRun.RunAsync(null, args);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith(message, result.Err);
    }

    [Fact]
    public async Task Renew_PostsAndConfirms()
    {
        using var api = FakeApi.Returning(200, """{"namespace":"shop","name":"web","renewal":"triggered"}""");

        var result = await CliRun.RunAsync(api, "renew", "web", "api", "-n", "shop");

        Assert.Equal((0, "Manually triggered issuance of Certificate shop/web\nManually triggered issuance of Certificate shop/api\n"), (result.ExitCode, result.Out));
        Assert.Equal(
            [("POST", "/api/certificates/shop/web/renew"), ("POST", "/api/certificates/shop/api/renew")],
            api.Requests.Select(r => (r.Method, r.Path)));
    }

    [Fact]
    public async Task Renew_Missing_IsNotFound()
    {
        using var api = FakeApi.Returning(404, "{}");

        var result = await CliRun.RunAsync(api, "renew", "nope");

        Assert.Equal((1, "Error from server (NotFound): certificates.cert-manager.io \"nope\" not found\n"), (result.ExitCode, result.Err));
    }

    [Fact]
    public async Task Renew_NoName_IsUsageError()
    {
        var result = await CliRun.RunAsync(null, "renew");

        Assert.Equal(2, result.ExitCode);
    }
}
