using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CertMesh.Acme.Tests.Support;

/// <summary>
/// A minimal HTTP/1.1 server on a loopback TcpListener (one response per connection): serves http-01 tokens to
/// Pebble's VA on EDGE_HTTP_PORT and plays an ARI-speaking CA for renewalInfo tests.
/// </summary>
internal sealed class TinyHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly Func<string, string, TinyResponse> _handler;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public TinyHttpServer(int port, Func<string, string, TinyResponse> handler)
    {
        _handler = handler;
        _listener = new TcpListener(IPAddress.Loopback, port);
        try
        {
            _listener.Start();
        }
        catch (SocketException ex)
        {
            throw new InvalidOperationException(
                $"Cannot listen on 127.0.0.1:{port} ({ex.SocketErrorCode}); is another process (the Edge?) using it?", ex);
        }

        _loop = Task.Run(AcceptLoopAsync);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public Uri BaseUri => new($"http://127.0.0.1:{Port}");

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                NetworkStream stream = client.GetStream();
                var head = new StringBuilder();
                var buffer = new byte[4096];
                while (!head.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
                {
                    int read = await stream.ReadAsync(buffer, _stop.Token);
                    if (read == 0)
                    {
                        return;
                    }

                    head.Append(Encoding.ASCII.GetString(buffer, 0, read));
                }

                string[] requestLine = head.ToString().Split("\r\n")[0].Split(' ');
                TinyResponse response = _handler(requestLine[0], requestLine[1]);
                byte[] body = Encoding.UTF8.GetBytes(response.Body);
                var text = new StringBuilder()
                    .Append(System.Globalization.CultureInfo.InvariantCulture, $"HTTP/1.1 {response.Status} X\r\n")
                    .Append(System.Globalization.CultureInfo.InvariantCulture, $"Content-Type: {response.ContentType}\r\n")
                    .Append(System.Globalization.CultureInfo.InvariantCulture, $"Content-Length: {body.Length}\r\n")
                    .Append("Connection: close\r\n");
                foreach ((string name, string value) in response.Headers ?? [])
                {
                    text.Append(System.Globalization.CultureInfo.InvariantCulture, $"{name}: {value}\r\n");
                }

                await stream.WriteAsync(Encoding.ASCII.GetBytes(text.Append("\r\n").ToString()), _stop.Token);
                await stream.WriteAsync(body, _stop.Token);
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException)
            {
                // The peer hung up; nothing to serve.
            }
        }
    }
}

internal sealed record TinyResponse(int Status, string Body, string ContentType = "text/plain", IReadOnlyList<(string, string)>? Headers = null)
{
    public static TinyResponse NotFound { get; } = new(404, "not found");
}
