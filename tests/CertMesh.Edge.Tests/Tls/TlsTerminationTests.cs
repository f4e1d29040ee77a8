using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using CertMesh.Edge.Tests.Support;

namespace CertMesh.Edge.Tests.Tls;

/// <summary>The Edge's HTTPS port as a client sees it, against real PostgreSQL and RabbitMQ and a real Edge process.</summary>
public sealed class TlsTerminationTests(TlsEdgeFixture fixture) : IClassFixture<TlsEdgeFixture>
{
    [Fact]
    public async Task Handshake_NameOfIssuedCertificate_ServesItsSerialWithChainToTheCa()
    {
        var result = await TlsProbe.HandshakeAsync(fixture.HttpsPort, TlsEdgeFixture.Host, fixture.Certificates.Ca);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(fixture.Current.SerialNumber, result.Serial);
        Assert.True(result.ChainValid, "the chain the Edge sent does not validate to the test CA for " + TlsEdgeFixture.Host);
    }

    [Theory]
    [InlineData("http/1.1")]
    [InlineData("h2")]
    public async Task Get_OverHttps_IsForwardedWithTheNegotiatedProtocol(string protocol)
    {
        using var client = Client(newConnections: false);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"https://{TlsEdgeFixture.Host}:{fixture.HttpsPort}/hello")
        {
            Version = protocol == "h2" ? HttpVersion.Version20 : HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(request.Version, response.Version);
        Assert.Equal("tls-backend /hello", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("unknown.example.test")]
    [InlineData("a.tls.example.test")]
    [InlineData(null)] // no SNI at all
    public async Task Handshake_UnknownOrNoServerName_FailsAndNamesNoHost(string? serverName)
    {
        var result = await TlsProbe.HandshakeAsync(fixture.HttpsPort, serverName, fixture.Certificates.Ca);

        Assert.False(result.Succeeded);
        Assert.Null(result.Serial); // no certificate at all was sent, so none of another host's names
        Assert.DoesNotContain(TlsEdgeFixture.Host, result.Error);
        Assert.DoesNotContain(TlsEdgeFixture.RoutedHost, result.Error);
    }

    [Fact]
    public async Task Handshake_RoutedHostWithoutCertificate_FailsAndEdgeWarnsNamingIt()
    {
        var result = await TlsProbe.HandshakeAsync(fixture.HttpsPort, TlsEdgeFixture.RoutedHost, fixture.Certificates.Ca);

        Assert.False(result.Succeeded);
        Assert.Null(result.Serial);
        await Eventually.UntilAsync(() => Task.FromResult(fixture.Log()),
            log => log.Contains($"a route serves {TlsEdgeFixture.RoutedHost} but no certificate is issued for it yet"),
            "the Edge's warning about " + TlsEdgeFixture.RoutedHost);
    }

    [Fact]
    public async Task CertificateIssued_NewRevision_ServedWithinSecondsWhileNewConnectionsNeverFail()
    {
        const int MinimumRequests = 1_000;
        var old = fixture.Current.SerialNumber;
        var next = fixture.Certificates.Issue(TlsEdgeFixture.Host);
        var serials = new ConcurrentDictionary<string, int>();
        var failures = new ConcurrentQueue<string>();
        var requests = 0;
        var swapped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var client = Client(newConnections: true, serial => serials.AddOrUpdate(serial, 1, (_, n) => n + 1));

        async Task LoopAsync()
        {
            // Each request opens a new connection (Connection: close), so each one is a full handshake.
            while (Volatile.Read(ref requests) < MinimumRequests || !swapped.Task.IsCompleted)
            {
                try
                {
                    using var request = new HttpRequestMessage(HttpMethod.Get, $"https://{TlsEdgeFixture.Host}:{fixture.HttpsPort}/loop");
                    request.Headers.ConnectionClose = true;
                    using var response = await client.SendAsync(request);
                    if (response.StatusCode != HttpStatusCode.OK)
                        failures.Enqueue($"status {(int)response.StatusCode}");
                }
                catch (HttpRequestException exception)
                {
                    failures.Enqueue(exception.Message + " <- " + exception.InnerException?.Message);
                }
                Interlocked.Increment(ref requests);
            }
        }
        var loops = Enumerable.Range(0, 4).Select(_ => Task.Run(LoopAsync)).ToArray();
        await Eventually.UntilAsync(() => Task.FromResult(Volatile.Read(ref requests)), n => n >= 100, "the loop to be under way");

        await fixture.IssueAsync(next);
        await Eventually.UntilAsync(() => Task.FromResult(serials.ContainsKey(next.SerialNumber)), seen => seen,
            "the Edge to serve the new serial (from CertificateIssued; the reconcile is 10 minutes away)", TimeSpan.FromSeconds(10));
        swapped.SetResult();
        await Task.WhenAll(loops).WaitAsync(TimeSpan.FromMinutes(2));

        Assert.Empty(failures);
        Assert.True(requests >= MinimumRequests, $"{requests} requests");
        Assert.True(serials.ContainsKey(old), "the loop never saw the old serial: it did not span the swap");
        var direct = await TlsProbe.HandshakeAsync(fixture.HttpsPort, TlsEdgeFixture.Host, fixture.Certificates.Ca);
        Assert.Equal(next.SerialNumber, direct.Serial);
        Assert.True(direct.ChainValid);
    }

    [Fact]
    public async Task CertificateDeleted_ServedCertificate_HandshakesForItsHostFailAfterwards()
    {
        const string host = "deleted.example.test";
        var leaf = fixture.Certificates.Issue(host);
        await fixture.IssueAsync("deleted", leaf);
        await Eventually.UntilAsync(() => TlsProbe.HandshakeAsync(fixture.HttpsPort, host, fixture.Certificates.Ca), r => r.Serial == leaf.SerialNumber, "the Edge to serve " + host);

        await fixture.DeleteAsync("deleted");

        var refused = await Eventually.UntilAsync(() => TlsProbe.HandshakeAsync(fixture.HttpsPort, host, fixture.Certificates.Ca), r => !r.Succeeded, "the Edge to stop serving " + host);
        Assert.Null(refused.Serial);
        Assert.True((await TlsProbe.HandshakeAsync(fixture.HttpsPort, TlsEdgeFixture.Host, fixture.Certificates.Ca)).Succeeded, "the other certificate went too");
    }

    HttpClient Client(bool newConnections, Action<string>? onSerial = null)
    {
        var ca = fixture.Certificates.Ca;
        var handler = new SocketsHttpHandler
        {
            // The name resolves nowhere: every connection goes to the Edge's loopback port, SNI stays the request's host.
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(IPAddress.Loopback, context.DnsEndPoint.Port, cancellationToken);
                    return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
            PooledConnectionLifetime = newConnections ? TimeSpan.Zero : Timeout.InfiniteTimeSpan,
            SslOptions =
            {
                RemoteCertificateValidationCallback = (_, certificate, chain, errors) =>
                {
                    if (certificate is X509Certificate2 leaf)
                        onSerial?.Invoke(leaf.SerialNumber);
                    return TlsProbe.Validates(certificate, chain, errors, ca);
                },
            },
        };
        return new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(10) };
    }
}
