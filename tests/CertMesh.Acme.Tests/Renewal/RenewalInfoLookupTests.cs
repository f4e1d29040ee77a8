using System.Text.Json;
using CertMesh.Acme.Jws;
using CertMesh.Acme.Renewal;
using CertMesh.Acme.Tests.Support;

namespace CertMesh.Acme.Tests.Renewal;

/// <summary>
/// Pebble 2.4.0 has no ARI, so renewalInfo is exercised against a local HTTP server answering in RFC 9773's format.
/// </summary>
public sealed class RenewalInfoLookupTests
{
    private const string CertId = "aYhba4dGQEHhs3uEe6CuLN4ByNQ.AIdlQyE";

    [Fact]
    public async Task GetRenewalInfoAsync_AriDirectory_ReturnsWindowAndRetryAfter()
    {
        string? askedPath = null;
        string baseUrl = string.Empty;
        await using var server = new TinyHttpServer(0, (_, path) =>
        {
            if (path == "/dir")
            {
                return new TinyResponse(200, Directory(baseUrl, withRenewalInfo: true), "application/json");
            }

            askedPath = path;
            return new TinyResponse(
                200,
                """{"suggestedWindow":{"start":"2026-09-01T00:00:00Z","end":"2026-09-16T00:00:00Z"},"explanationURL":"https://ca.test/why"}""",
                "application/json",
                [("Retry-After", "21600")]);
        });
        baseUrl = server.BaseUri.AbsoluteUri.TrimEnd('/');
        using var http = new HttpClient();
        using AccountKey key = AccountKey.Create();
        var client = new AcmeClient(http, new Uri(server.BaseUri, "/dir"), key);

        RenewalInfo? info = await client.GetRenewalInfoAsync(CertId);

        Assert.NotNull(info);
        Assert.Equal("/renewal-info/" + CertId, askedPath);
        Assert.Equal(new DateTimeOffset(2026, 9, 1, 0, 0, 0, TimeSpan.Zero), info.SuggestedWindow.Start);
        Assert.Equal(new DateTimeOffset(2026, 9, 16, 0, 0, 0, TimeSpan.Zero), info.SuggestedWindow.End);
        Assert.Equal(new Uri("https://ca.test/why"), info.ExplanationUrl);
        Assert.Equal(TimeSpan.FromHours(6), info.RetryAfter);
    }

    [Fact]
    public async Task GetRenewalInfoAsync_DirectoryWithoutRenewalInfo_ReturnsNull()
    {
        int lookups = 0;
        string baseUrl = string.Empty;
        await using var server = new TinyHttpServer(0, (_, path) =>
        {
            if (path == "/dir")
            {
                return new TinyResponse(200, Directory(baseUrl, withRenewalInfo: false), "application/json");
            }

            Interlocked.Increment(ref lookups);
            return TinyResponse.NotFound;
        });
        baseUrl = server.BaseUri.AbsoluteUri.TrimEnd('/');
        using var http = new HttpClient();
        using AccountKey key = AccountKey.Create();
        var client = new AcmeClient(http, new Uri(server.BaseUri, "/dir"), key);

        Assert.Null(await client.GetRenewalInfoAsync(CertId));
        Assert.Equal(0, lookups);
    }

    [Fact]
    public async Task GetRenewalInfoAsync_UnknownCertificate_ThrowsTypedProblem()
    {
        string baseUrl = string.Empty;
        await using var server = new TinyHttpServer(0, (_, path) => path == "/dir"
            ? new TinyResponse(200, Directory(baseUrl, withRenewalInfo: true), "application/json")
            : new TinyResponse(404, """{"type":"urn:ietf:params:acme:error:malformed","detail":"unknown certificate"}""", "application/problem+json"));
        baseUrl = server.BaseUri.AbsoluteUri.TrimEnd('/');
        using var http = new HttpClient();
        using AccountKey key = AccountKey.Create();
        var client = new AcmeClient(http, new Uri(server.BaseUri, "/dir"), key);

        var ex = await Assert.ThrowsAsync<CertMesh.Acme.Problems.AcmeProblemException>(() => client.GetRenewalInfoAsync(CertId));
        Assert.Equal("unknown certificate", ex.Detail);
    }

    private static string Directory(string baseUrl, bool withRenewalInfo)
    {
        var directory = new Dictionary<string, string>
        {
            ["newNonce"] = "https://ca.test/nonce",
            ["newAccount"] = "https://ca.test/acct",
            ["newOrder"] = "https://ca.test/order",
        };
        if (withRenewalInfo)
        {
            directory["renewalInfo"] = baseUrl + "/renewal-info/";
        }

        return JsonSerializer.Serialize(directory);
    }
}
