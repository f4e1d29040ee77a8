using System.Security.Cryptography;
using CertMesh.Edge.Tests.Support;

namespace CertMesh.Edge.Tests.Challenges;

/// <summary>The Edge's answers at /.well-known/acme-challenge/{token}, against real PostgreSQL and RabbitMQ.</summary>
public sealed class Http01ChallengeTests(EdgeFixture fixture) : IClassFixture<EdgeFixture>
{
    static string NewToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    static void AssertNotFound(Answer answer)
    {
        Assert.Equal(404, answer.Status);
        Assert.Equal("", answer.Body);
        Assert.Equal(0, answer.ContentLength);
        Assert.Equal("no-store", answer.CacheControl);
    }

    [Fact]
    public async Task Present_Get_Returns200WithExactKeyAuthorizationAndNoStore()
    {
        var token = NewToken();
        var keyAuthorization = token + ".thumbprint-" + NewToken();
        await fixture.PresentAsync(token, keyAuthorization, "present.test");

        var answer = await Eventually.UntilAsync(() => Answer.ChallengeAsync(fixture.Edge, token), a => a.Status == 200, "the presented token");

        Assert.Equal(keyAuthorization, answer.Body);
        Assert.Equal("text/plain", answer.ContentType);
        Assert.Equal("no-store", answer.CacheControl);
        Assert.Equal(keyAuthorization.Length, answer.ContentLength);
    }

    [Fact]
    public async Task Present_ThenRemove_ReachesEveryReplicaThroughItsOwnQueue()
    {
        // The events-only Edge never reads a single token from the database after its start: a 200 there proves
        // the Presented event reached it. Both Edges dropping the token proves the Removed event reached both: a
        // shared, competing-consumer queue would have handed it to one of them only, and the other would keep 200.
        var token = NewToken();
        var keyAuthorization = token + ".fan-out";
        await fixture.PresentAsync(token, keyAuthorization, "fanout.test");

        foreach (var edge in new[] { fixture.Edge, fixture.EventsOnlyEdge })
        {
            var answer = await Eventually.UntilAsync(() => Answer.ChallengeAsync(edge, token), a => a.Status == 200, $"{edge.Name} to serve the token");
            Assert.Equal(keyAuthorization, answer.Body);
        }

        await fixture.RemoveAsync(token);

        foreach (var edge in new[] { fixture.Edge, fixture.EventsOnlyEdge })
            AssertNotFound(await Eventually.UntilAsync(() => Answer.ChallengeAsync(edge, token), a => a.Status == 404, $"{edge.Name} to drop the token"));
    }

    [Fact]
    public async Task Remove_Get_Returns404WithEmptyBody()
    {
        var token = NewToken();
        await fixture.PresentAsync(token, token + ".removed", "removed.test");
        await Eventually.UntilAsync(() => Answer.ChallengeAsync(fixture.Edge, token), a => a.Status == 200, "the presented token");

        await fixture.RemoveAsync(token);

        AssertNotFound(await Eventually.UntilAsync(() => Answer.ChallengeAsync(fixture.Edge, token), a => a.Status == 404, "the removed token to be gone"));
    }

    [Theory]
    [InlineData("/.well-known/acme-challenge/unknownTokenThatWasNeverPresented0123")]
    [InlineData("/.well-known/acme-challenge/")]
    [InlineData("/.well-known/acme-challenge/short")]
    [InlineData("/.well-known/acme-challenge/not%20base64url%20at%20all!!")]
    [InlineData("/.well-known/acme-challenge/" + EdgeFixture.PreloadedToken + "/nested")]
    [InlineData("/.well-known/acme-challenge/..%2Fhealth")]
    public async Task UnknownOrMalformed_Get_Returns404WithEmptyBodyAndIsNeverForwarded(string path)
    {
        // A catch-all route to a backend exists: a forwarded request would answer 200 with the backend's name.
        foreach (var edge in new[] { fixture.Edge, fixture.EventsOnlyEdge })
            AssertNotFound(await Answer.GetAsync(edge, path));
    }

    [Fact]
    public async Task TokenCommittedBeforeStart_IsServedFromInitialLoad()
    {
        // Written with plain SQL before the Edges started, with no event ever published: only the initial load knows it.
        var answer = await Answer.ChallengeAsync(fixture.EventsOnlyEdge, EdgeFixture.PreloadedToken);

        Assert.Equal(200, answer.Status);
        Assert.Equal(EdgeFixture.PreloadedKeyAuthorization, answer.Body);
    }

    [Fact]
    public async Task TokenCommittedWhoseEventHasNotArrived_IsServedByTheMissLookupAtOnce()
    {
        // The race the miss lookup exists for: committed, self-check asks before the event is delivered. Plain SQL
        // stands in for "event not yet arrived" (here it never does).
        var token = NewToken();
        await fixture.ExecuteAsync("INSERT INTO http01_tokens (token, key_authorization, dns_name) VALUES (@token, @key, 'race.test')",
            ("token", token), ("key", token + ".race"));

        var answer = await Answer.ChallengeAsync(fixture.Edge, token);
        Assert.Equal(200, answer.Status);
        Assert.Equal(token + ".race", answer.Body);
        Assert.Equal("no-store", answer.CacheControl);

        AssertNotFound(await Answer.ChallengeAsync(fixture.EventsOnlyEdge, token));
    }

    [Fact]
    public async Task Head_PresentedToken_Returns200WithoutBody()
    {
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Head, new Uri(fixture.Edge.BaseAddress, "/.well-known/acme-challenge/" + EdgeFixture.PreloadedToken));
        using var response = await client.SendAsync(request);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(EdgeFixture.PreloadedKeyAuthorization.Length, response.Content.Headers.ContentLength);
    }
}
