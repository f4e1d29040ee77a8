using System.Net;
using CertMesh.Edge.Tests.Support;

namespace CertMesh.Edge.Tests.Routing;

/// <summary>HTTP→HTTPS for routes with <c>certmesh.io/https-redirect: "true"</c>, on a real Edge (HTTPS port left at its default).</summary>
public sealed class HttpsRedirectTests(EdgeFixture fixture) : IClassFixture<EdgeFixture>
{
    static readonly HttpClient Client = new(new HttpClientHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(5) };

    string Routes => $$"""
        {
          "Routes": {
            "secure": { "ClusterId": "backend", "Match": { "Hosts": ["secure.example.test"], "Path": "/{**all}" }, "Metadata": { "certmesh.io/https-redirect": "true" } },
            "plain": { "ClusterId": "backend", "Match": { "Hosts": ["plain.example.test"], "Path": "/{**all}" } }
          },
          "Clusters": { "backend": { "Destinations": { "only": { "Address": "{{fixture.First.Address}}" } } } }
        }
        """;

    /// <summary>Writes <see cref="Routes"/> and waits until they serve: a host they do not name is 404 (the fixture's
    /// first routes have a catch-all that would answer it).</summary>
    async Task LoadRoutesAsync()
    {
        fixture.WriteRoutes(Routes);
        using var unrouted = await Eventually.UntilAsync(() => GetAsync("unrouted.example.test", "/x"), r => r.StatusCode == HttpStatusCode.NotFound, "the routes to load");
    }

    async Task<HttpResponseMessage> GetAsync(string host, string pathAndQuery)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(fixture.Edge.BaseAddress, pathAndQuery));
        request.Headers.Host = host;
        return await Client.SendAsync(request);
    }

    [Fact]
    public async Task Get_RouteWithRedirect_Is308ToTheSameUrlOnTheHttpsPort()
    {
        await LoadRoutesAsync();
        using var plain = await GetAsync("plain.example.test", "/x");

        using var response = await GetAsync("secure.example.test", "/a/b?c=1");

        Assert.Equal(HttpStatusCode.PermanentRedirect, response.StatusCode);
        Assert.Equal("https://secure.example.test:5443/a/b?c=1", response.Headers.Location?.ToString());
        Assert.Equal("first /x", await plain.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Get_AcmeChallengeOnRouteWithRedirect_IsNeverRedirected()
    {
        await LoadRoutesAsync();
        await fixture.PresentAsync("redirectTestToken_0123456789abcdef", "redirectTestToken_0123456789abcdef.thumb", "secure.example.test");

        using var response = await GetAsync("secure.example.test", "/.well-known/acme-challenge/redirectTestToken_0123456789abcdef");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("redirectTestToken_0123456789abcdef.thumb", await response.Content.ReadAsStringAsync());
    }
}
