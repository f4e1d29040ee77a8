using System.Net;
using CertMesh.ChallengeSolver.SelfCheck;
using CertMesh.ChallengeSolver.Tests.Support;

namespace CertMesh.ChallengeSolver.Tests.SelfCheck;

/// <summary>The HTTP-01 self-check against a real local HTTP server, through the connect override as on a local stack.</summary>
public sealed class Http01SelfCheckTests : IAsyncLifetime
{
    const string Token = "selfcheck-token_0123456789";
    const string KeyAuthorization = Token + ".thumbprint-abcdef";
    TokenResponder _server = null!;

    public async Task InitializeAsync() => _server = await TokenResponder.StartAsync(0, (host, token) => Task.FromResult(host switch
    {
        "right.test" when token == Token => (200, KeyAuthorization),
        "wrong.test" => (200, "this is not the key authorization you are looking for"),
        "redirect.test" => (302, ""),
        _ => (404, "not found"),
    }));

    public async Task DisposeAsync() => await _server.DisposeAsync();

    Http01SelfCheck Through(DnsEndPoint? target) => new(SelfCheckHttp.Create(new SelfCheckOptions { Http01Connect = target }));

    Http01SelfCheck ToServer() => Through(new DnsEndPoint("127.0.0.1", _server.Port));

    [Fact]
    public async Task CheckAsync_RightBody_PassesAndSendsTheChallengeNameAsHost()
    {
        var result = await ToServer().CheckAsync("right.test", Token, KeyAuthorization, CancellationToken.None);

        Assert.Equal(SelfCheckResult.Pass, result);
        Assert.Equal("right.test", Assert.Single(_server.Hosts));
    }

    [Fact]
    public async Task CheckAsync_WrongBody_FailsShowingWhatWasPresented()
    {
        var result = await ToServer().CheckAsync("wrong.test", Token, KeyAuthorization, CancellationToken.None);

        Assert.False(result.Passed);
        Assert.Equal($"presented key (this is not the key auth... (truncated)) did not match expected ({KeyAuthorization})", result.Detail);
    }

    [Fact]
    public async Task CheckAsync_NotFound_FailsWithTheStatusCode()
    {
        var result = await ToServer().CheckAsync("unknown.test", Token, KeyAuthorization, CancellationToken.None);

        Assert.Equal(SelfCheckResult.Miss("wrong status code '404', expected '200'"), result);
    }

    [Fact]
    public async Task CheckAsync_NothingListening_FailsNamingTheUrl()
    {
        var closedPort = TestEnvironment.FreePort();

        var result = await Through(new DnsEndPoint("127.0.0.1", closedPort)).CheckAsync("right.test", Token, KeyAuthorization, CancellationToken.None);

        Assert.False(result.Passed);
        Assert.StartsWith($"failed to perform self check GET request 'http://right.test/.well-known/acme-challenge/{Token}': ", result.Detail);
        Assert.Contains("ConnectionRefused", result.Detail);
    }

    [Fact]
    public async Task CheckAsync_NoConnectOverride_UsesTheNameAndItsPort()
    {
        // Without the override the name itself is dialled on port 80 (HTTP-01 has no other port), so the test server,
        // on another port of the same address, never sees the request.
        var result = await Through(null).CheckAsync("127.0.0.1", Token, KeyAuthorization, CancellationToken.None);

        Assert.False(result.Passed);
        Assert.Empty(_server.Hosts);
    }

    [Theory]
    [InlineData("example.test", "http://example.test/.well-known/acme-challenge/tok")]
    [InlineData("192.0.2.7", "http://192.0.2.7/.well-known/acme-challenge/tok")]
    [InlineData("2001:db8::7", "http://[2001:db8::7]/.well-known/acme-challenge/tok")]
    public void UrlFor_NameOrAddress_PortEightyWellKnownPath(string dnsName, string expected) =>
        Assert.Equal(expected, Http01SelfCheck.UrlFor(dnsName, "tok").ToString());

    [Theory]
    [InlineData("127.0.0.1:5002", "127.0.0.1", 5002)]
    [InlineData("edge.internal:80", "edge.internal", 80)]
    [InlineData("[::1]:8080", "::1", 8080)]
    public void ParseEndPoint_HostAndPort_Parsed(string text, string host, int port)
    {
        var endPoint = SelfCheckOptions.ParseEndPoint(text, "CERTMESH_HTTP01_SELF_CHECK_CONNECT");

        Assert.Equal((host, port), (endPoint.Host, endPoint.Port));
    }

    [Theory]
    [InlineData("no-port")]
    [InlineData("host:http")]
    [InlineData("::1:80")]
    [InlineData(":80")]
    [InlineData("host:70000")]
    public void ParseEndPoint_Malformed_ThrowsNamingTheVariable(string text)
    {
        var error = Assert.Throws<InvalidOperationException>(() => SelfCheckOptions.ParseEndPoint(text, "CERTMESH_HTTP01_SELF_CHECK_CONNECT"));

        Assert.StartsWith($"CERTMESH_HTTP01_SELF_CHECK_CONNECT: \"{text}\" is not host:port", error.Message);
    }
}
