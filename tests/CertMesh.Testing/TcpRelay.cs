using System.Net;
using System.Net.Sockets;

namespace CertMesh.Testing;

/// <summary>
/// A loopback TCP port that passes each connection through to a real server (BIND) and counts them. Nothing listens
/// on the same port number over UDP, so a message that got an answer through it went over TCP, and one sent over UDP
/// fails with "nothing is listening". This is how a test tells which transport was used.
/// </summary>
public sealed class TcpRelay : IAsyncDisposable
{
    readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    readonly CancellationTokenSource _stop = new();
    readonly IPEndPoint _target;
    readonly Task _accepting;
    int _connections;

    public TcpRelay(IPEndPoint target)
    {
        _target = target;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public IPEndPoint Endpoint => (IPEndPoint)_listener.LocalEndpoint;

    public int Connections => Volatile.Read(ref _connections);

    async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                Interlocked.Increment(ref _connections);
                _ = RelayAsync(client);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Disposed: the listener stopped.
        }
    }

    async Task RelayAsync(TcpClient client)
    {
        using (client)
        using (var upstream = new TcpClient(_target.AddressFamily))
        {
            try
            {
                await upstream.ConnectAsync(_target, _stop.Token);
                var downstream = client.GetStream();
                var toServer = upstream.GetStream();
                // Either side closing ends the relay: the client closes once it has read its one answer.
                await Task.WhenAny(downstream.CopyToAsync(toServer, _stop.Token), toServer.CopyToAsync(downstream, _stop.Token));
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
            {
                // The test sees a failed exchange on its own side; the relay only has to let go of its sockets.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
