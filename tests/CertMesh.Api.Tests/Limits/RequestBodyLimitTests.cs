using System.Net;
using System.Text.Json;
using CertMesh.Api.Limits;
using CertMesh.Api.Tests.Support;
using Xunit;

namespace CertMesh.Api.Tests.Limits;

/// <summary>
/// The request body limit over HTTP on a real Kestrel: a body over 3 MiB is answered 413 as a Kubernetes Status naming
/// the limit, whether its length is declared (refused before a byte is read) or it is streamed chunked (read up to the
/// limit and no further); a body at the limit is read.
/// </summary>
public sealed class RequestBodyLimitTests(ApiHost host) : IClassFixture<ApiHost>
{
    private const long Limit = RequestBodyLimit.MaxRequestBodyBytes;

    [Theory]
    [InlineData("declared length, just over", Limit + 1, false)]
    [InlineData("declared length, 50 MB", 50_000_000, false)]
    [InlineData("chunked, just over", Limit + 1, true)]
    [InlineData("chunked, 50 MB", 50_000_000, true)]
    public async Task Apply_BodyOverTheLimit_413NamingTheLimit(string _, long bytes, bool chunked)
    {
        using var client = host.Client();

        var answer = await RawHttp.SendFillerAsync("POST", client.BaseAddress!, "/api/apply", bytes, chunked, TimeSpan.FromSeconds(30));

        Assert.Equal(413, answer.Status);
        using var json = JsonDocument.Parse(answer.Body);
        Assert.Equal("Status", json.RootElement.GetProperty("kind").GetString());
        Assert.Equal("RequestEntityTooLarge", json.RootElement.GetProperty("reason").GetString());
        Assert.Contains("at most 3145728 bytes (3 MiB) are accepted", json.RootElement.GetProperty("message").GetString());
        Assert.EndsWith("(limit MaxRequestBodyBytes)", json.RootElement.GetProperty("message").GetString());
        // The server stopped reading at the limit: the client could not send (much) more before the answer came.
        Assert.True(answer.BytesSent < 20_000_000, $"sent {answer.BytesSent} bytes");
    }

    [Fact]
    public async Task Get_DeclaredBodyOverTheLimit_413BeforeTheEndpoint()
    {
        using var client = host.Client();

        var answer = await RawHttp.SendFillerAsync("GET", client.BaseAddress!, "/api/resources/Certificate", 50_000_000, chunked: false, TimeSpan.FromSeconds(30));

        Assert.Equal(413, answer.Status);
        Assert.Contains("(limit MaxRequestBodyBytes)", answer.Body);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Apply_BodyAtTheLimit_IsRead(bool chunked)
    {
        using var client = host.Client();

        var (status, body) = await PostAsync(client, "/api/apply", Limit, chunked);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("""{"results":[],"errors":[]}""", body);
    }

    private static async Task<(HttpStatusCode Status, string Body)> PostAsync(HttpClient client, string path, long bytes, bool chunked)
    {
        using var response = await client.PostAsync(path, Body(bytes, chunked));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>A YAML comment of <paramref name="bytes"/> bytes, generated as it is sent (never held whole).</summary>
    private static HttpContent Body(long bytes, bool chunked)
    {
        // Without a declared length (the stream cannot seek) HttpClient sends it chunked.
        var content = new StreamContent(RawHttp.Filler(bytes));
        if (!chunked)
            content.Headers.ContentLength = bytes;
        content.Headers.ContentType = new("application/yaml");
        return content;
    }
}
