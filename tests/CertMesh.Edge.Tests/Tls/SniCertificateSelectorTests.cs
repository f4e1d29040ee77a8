using System.Security.Authentication;
using CertMesh.Edge.Tests.Support;
using CertMesh.Edge.Tls;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;
using Microsoft.Extensions.Time.Testing;
using Yarp.ReverseProxy.Configuration;

namespace CertMesh.Edge.Tests.Tls;

public sealed class SniCertificateSelectorTests : IDisposable
{
    readonly TestCertificates _certificates = new();
    readonly CertificateStore _store = new();
    readonly FakeTimeProvider _time = new();
    readonly CapturingLogger _log = new();
    readonly SniCertificateSelector _selector;

    public SniCertificateSelectorTests()
    {
        var routes = new StaticRoutes(new RouteConfig { RouteId = "app", ClusterId = "app", Match = new RouteMatch { Hosts = ["app.example.test", "*.apps.example.test:443"] } });
        _selector = new SniCertificateSelector(_store, new RoutedHosts(routes), new TlsOptions { HttpsUrl = "https://127.0.0.1:1" }, _time, _log);
        _store.Put(ServedCertificateFactory.TryCreate(TestCertificates.SecretFor("edge", "tls", _certificates.Issue("tls.example.test")), 1, out _)!);
    }

    [Fact]
    public async Task Select_KnownName_ReturnsItsPrebuiltOptions()
    {
        var options = await _selector.Select("tls.example.test");

        Assert.True(_store.TryGet("tls.example.test", out var served));
        Assert.Same(served.ServerOptions, options);
    }

    [Theory]
    [InlineData("unknown.example.test")]
    [InlineData("")]
    [InlineData(null)]
    public async Task Select_UnknownOrNoName_FailsNamingNoHost(string? serverName)
    {
        var error = await Assert.ThrowsAsync<AuthenticationException>(async () => await _selector.Select(serverName));

        Assert.DoesNotContain("example.test", error.Message);
        Assert.DoesNotContain(_log.Lines, l => l.Level >= LogLevel.Warning);
    }

    [Theory]
    [InlineData("app.example.test")]
    [InlineData("one.apps.example.test")]
    public async Task Select_RoutedNameWithoutCertificate_FailsAndWarnsOncePerInterval(string serverName)
    {
        for (var i = 0; i < 3; i++)
            await Assert.ThrowsAsync<AuthenticationException>(async () => await _selector.Select(serverName));
        var warning = Assert.Single(_log.Lines, l => l.Level == LogLevel.Warning);
        Assert.Contains(serverName, warning.Message);
        Assert.Contains("no certificate is issued for it yet", warning.Message);
        Assert.DoesNotContain("tls.example.test", warning.Message);

        _time.Advance(TimeSpan.FromMinutes(1));
        await Assert.ThrowsAsync<AuthenticationException>(async () => await _selector.Select(serverName));

        Assert.Equal(2, _log.Lines.Count(l => l.Level == LogLevel.Warning));
    }

    public void Dispose() => _certificates.Dispose();

    sealed class StaticRoutes(params RouteConfig[] routes) : IProxyConfigProvider, IProxyConfig
    {
        public IProxyConfig GetConfig() => this;
        public IReadOnlyList<RouteConfig> Routes => routes;
        public IReadOnlyList<ClusterConfig> Clusters => [];
        public IChangeToken ChangeToken => new CancellationChangeToken(CancellationToken.None);
    }

    sealed class CapturingLogger : ILogger<SniCertificateSelector>
    {
        public List<(LogLevel Level, string Message)> Lines { get; } = [];
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Lines)
                Lines.Add((logLevel, formatter(state, exception)));
        }
    }
}
