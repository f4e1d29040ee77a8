using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace CertMesh.Integration.Tests.Support;

/// <summary>
/// HTTPS requests, each on a new connection (so each one's handshake sees whichever revision is served at that moment),
/// from a few concurrent workers; the server's certificate must chain to the given CA. Counts requests, failures and
/// the serials served.
/// </summary>
internal sealed class HandshakeLoop(int port, X509Certificate2Collection trust, string host = "checkout.example.test", string path = "/")
{
    const int Workers = 4;
    readonly ConcurrentDictionary<string, int> _serials = new(StringComparer.OrdinalIgnoreCase);
    int _completed;
    volatile bool _stop;

    public int Completed => Volatile.Read(ref _completed);
    public ConcurrentQueue<string> Failures { get; } = new();
    public IReadOnlyCollection<string> Serials => _serials.Select(s => $"{s.Key}×{s.Value}").ToList();

    public bool SawSerial(string serial) => _serials.ContainsKey(serial);

    /// <summary>Stops once <c>minimum</c> requests are done (never before).</summary>
    public void StopWhenDone() => _stop = true;

    public Task RunAsync(int minimum) => Task.WhenAll(Enumerable.Range(0, Workers).Select(_ => WorkerAsync(minimum)));

    async Task WorkerAsync(int minimum)
    {
        using var handler = new SocketsHttpHandler
        {
            // A new TCP and TLS connection per request.
            PooledConnectionLifetime = TimeSpan.Zero,
            // The application listens on loopback; the name is the certificate's (SNI and name check).
            ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
            SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = Validate },
        };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(10) };
        while (!(_stop && Completed >= minimum))
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, $"https://{host}:{port}{path}");
                request.Headers.ConnectionClose = true;
                using var response = await http.SendAsync(request);
                if (!response.IsSuccessStatusCode)
                    Failures.Enqueue($"HTTP {(int)response.StatusCode}");
            }
            catch (Exception exception)
            {
                Failures.Enqueue(exception.GetBaseException().Message);
            }
            Interlocked.Increment(ref _completed);
        }
    }

    bool Validate(object sender, X509Certificate? certificate, X509Chain? sent, SslPolicyErrors errors)
    {
        if (certificate is null)
            return false;
        var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        _serials.AddOrUpdate(leaf.SerialNumber, 1, (_, n) => n + 1);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(trust);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        // Intermediates as the server sent them (an ACME chain has some; the CA issuer's has none).
        if (sent is not null)
            foreach (var element in sent.ChainElements)
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
        // The name is checked by SslStream (errors); the chain here against the CertMesh CA only.
        return chain.Build(leaf) && (errors & SslPolicyErrors.RemoteCertificateNameMismatch) == 0;
    }
}
