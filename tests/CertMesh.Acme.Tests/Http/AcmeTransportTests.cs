using System.Net;
using System.Text.Json;
using CertMesh.Acme.Jws;
using CertMesh.Acme.Problems;
using CertMesh.Acme.Tests.Support;

namespace CertMesh.Acme.Tests.Http;

public sealed class AcmeTransportTests
{
    private static readonly Uri Account = new("https://fake.test/acct/1");

    [Fact]
    public async Task PostAsync_BadNonceThenSuccess_RetriesWithTheFreshNonce()
    {
        var handler = new FakeAcmeHandler();
        int attempts = 0;
        handler.Respond = (_, _) => Interlocked.Increment(ref attempts) < 3
            ? Problem(HttpStatusCode.BadRequest, "badNonce", "JWS has an invalid anti-replay nonce")
            : FakeAcmeHandler.Json(HttpStatusCode.OK, """{"status":"valid"}""");
        AcmeClient client = Client(handler);

        var account = await client.GetAccountAsync();

        Assert.Equal("valid", account.Status);
        Assert.Equal(3, attempts);
        // Each retry must carry the nonce the rejection just delivered, never a reused one.
        string[] nonces = handler.Requests.Where(r => r.Uri == Account).Select(r => NonceOf(r.Body!)).ToArray();
        Assert.Equal(nonces.Length, nonces.Distinct().Count());
    }

    [Fact]
    public async Task PostAsync_BadNonceForever_GivesUpWithTypedError()
    {
        var handler = new FakeAcmeHandler { Respond = (_, _) => Problem(HttpStatusCode.BadRequest, "badNonce", "no") };
        AcmeClient client = Client(handler, new AcmeClientOptions { MaxBadNonceRetries = 3 });

        var ex = await Assert.ThrowsAsync<AcmeProblemException>(() => client.GetAccountAsync());

        Assert.Equal(AcmeProblemTypes.BadNonce, ex.Type);
        Assert.Equal(4, handler.Requests.Count(r => r.Uri == Account));
    }

    [Fact]
    public async Task PostAsync_RateLimited_SurfacesRetryAfterAndSubproblems()
    {
        var handler = new FakeAcmeHandler();
        handler.Respond = (_, _) =>
        {
            HttpResponseMessage response = FakeAcmeHandler.Json(
                (HttpStatusCode)429,
                """
                {"type":"urn:ietf:params:acme:error:rateLimited","detail":"too many certificates","status":429,
                 "subproblems":[{"type":"urn:ietf:params:acme:error:rejectedIdentifier","detail":"no","identifier":{"type":"dns","value":"x.test"}}]}
                """,
                "application/problem+json");
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(120));
            return response;
        };
        AcmeClient client = Client(handler);

        var ex = await Assert.ThrowsAsync<AcmeProblemException>(() => client.GetAccountAsync());

        Assert.Equal(AcmeProblemTypes.RateLimited, ex.Type);
        Assert.Equal("too many certificates", ex.Detail);
        Assert.Equal((HttpStatusCode)429, ex.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(120), ex.RetryAfter);
        AcmeProblem sub = Assert.Single(ex.Subproblems);
        Assert.Equal(AcmeProblemTypes.RejectedIdentifier, sub.Type);
        Assert.Equal("x.test", sub.Identifier!.Value);
    }

    [Fact]
    public async Task PostAsync_ServiceUnavailableWithoutProblem_SurfacesRetryAfter()
    {
        var handler = new FakeAcmeHandler();
        handler.Respond = (_, _) =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(30));
            return response;
        };

        var ex = await Assert.ThrowsAsync<AcmeProblemException>(() => Client(handler).GetAccountAsync());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ex.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(30), ex.RetryAfter);
    }

    [Fact]
    public async Task SendAsync_AnyRequest_SendsUserAgentAndCachesDirectory()
    {
        var handler = new FakeAcmeHandler { Respond = (_, _) => FakeAcmeHandler.Json(HttpStatusCode.OK, """{"status":"valid"}""") };
        AcmeClient client = Client(handler);

        await client.GetAccountAsync();
        await client.GetAccountAsync();
        await client.GetDirectoryAsync();

        Assert.All(handler.Requests, r => Assert.StartsWith("CertMesh.Acme/", r.UserAgent, StringComparison.Ordinal));
        Assert.Single(handler.Requests, r => r.Uri == FakeAcmeHandler.Directory);
        // The first POST needed a HEAD newNonce; the second reused the Replay-Nonce of the first response.
        Assert.Single(handler.Requests, r => r.Uri.AbsolutePath == "/nonce");
    }

    [Fact]
    public async Task PostAsync_CancelledToken_ThrowsOperationCanceled()
    {
        var handler = new FakeAcmeHandler { Respond = (_, _) => FakeAcmeHandler.Json(HttpStatusCode.OK, "{}") };
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Client(handler).GetAccountAsync(cts.Token));
    }

    [Fact]
    public async Task Message_ProblemException_NeverContainsTheRequestBody()
    {
        var handler = new FakeAcmeHandler { Respond = (_, _) => Problem(HttpStatusCode.Unauthorized, "unauthorized", "nope") };
        AcmeClient client = Client(handler);

        var ex = await Assert.ThrowsAsync<AcmeProblemException>(() => client.GetAccountAsync());

        string signature = JsonDocument.Parse(handler.Requests[^1].Body!).RootElement.GetProperty("signature").GetString()!;
        Assert.DoesNotContain(signature, ex.ToString(), StringComparison.Ordinal);
        Assert.Equal("urn:ietf:params:acme:error:unauthorized: nope", ex.Message);
    }

    private static AcmeClient Client(FakeAcmeHandler handler, AcmeClientOptions? options = null) =>
        new(new HttpClient(handler), FakeAcmeHandler.Directory, AccountKey.Create(), options, Account);

    private static HttpResponseMessage Problem(HttpStatusCode status, string type, string detail) =>
        FakeAcmeHandler.Json(status, $$"""{"type":"urn:ietf:params:acme:error:{{type}}","detail":"{{detail}}","status":{{(int)status}}}""", "application/problem+json");

    private static string NonceOf(string body)
    {
        string protectedPart = JsonDocument.Parse(body).RootElement.GetProperty("protected").GetString()!;
        return JsonDocument.Parse(Base64Url.Decode(protectedPart)).RootElement.GetProperty("nonce").GetString()!;
    }
}
