using System.Net;
using System.Net.Sockets;

namespace CertMesh.ChallengeSolver.SelfCheck;

/// <summary>The HTTP client self-checks use: short timeouts, no proxy, and the optional connect override.</summary>
internal static class SelfCheckHttp
{
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);

    public static HttpClient Create(SelfCheckOptions options)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = ConnectTimeout,
            // The point is to see what the CA will see from outside; a proxy from the environment would hide that.
            UseProxy = false,
            // As the CA's validator: redirects are followed (cert-manager's self-check does too), at most 10.
            AllowAutoRedirect = true,
            MaxAutomaticRedirections = 10,
            // Pooled connections would pin the self-check to whatever address a name resolved to minutes ago.
            PooledConnectionLifetime = TimeSpan.FromSeconds(30),
            // One pool per challenge name: with thousands in flight, idle connections must not pile up.
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(5),
            UseCookies = false,
        };
        if (options.Http01Connect is { } target)
            handler.ConnectCallback = (_, cancellationToken) => ConnectAsync(target, cancellationToken);
        return new HttpClient(handler) { Timeout = RequestTimeout };
    }

    static async ValueTask<Stream> ConnectAsync(DnsEndPoint target, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(target, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
