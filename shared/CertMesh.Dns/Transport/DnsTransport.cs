using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using CertMesh.Dns.Wire;

namespace CertMesh.Dns.Transport;

/// <summary>
/// Sends one message and returns the raw response: UDP first, TCP when the UDP answer comes back truncated
/// (RFC 1035 §4.2, RFC 7766), or TCP alone when <see cref="DnsClientOptions.ForceTcp"/> is set. Raw bytes, because
/// TSIG verification needs exactly what the server sent. Public so that a message built elsewhere (DnsWebhook's
/// unsigned update) travels, times out and fails exactly as the library's own do.
/// </summary>
public static class DnsTransport
{
    public static async Task<byte[]> ExchangeAsync(IPEndPoint server, byte[] request, string what, DnsClientOptions options, CancellationToken ct)
    {
        if (options.ForceTcp)
            return await TcpAsync(server, request, what, options.Timeout, ct);
        var response = await UdpAsync(server, request, what, options.Timeout, ct);
        return (response[DnsFlags.FlagsOffset] & (DnsFlags.Truncated >> 8)) != 0
            ? await TcpAsync(server, request, what, options.Timeout, ct)
            : response;
    }

    static async Task<byte[]> UdpAsync(IPEndPoint server, byte[] request, string what, TimeSpan timeout, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        using var udp = new UdpClient(server.AddressFamily);
        udp.Connect(server);
        try
        {
            await udp.SendAsync(request, deadline.Token);
            while (true)
            {
                var result = await udp.ReceiveAsync(deadline.Token);
                // Stray or late datagrams for other ids are ignored, as resolvers do (RFC 5452 §9.1).
                if (result.Buffer.Length >= 12 && result.Buffer[0] == request[0] && result.Buffer[1] == request[1])
                    return result.Buffer;
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new DnsTimeoutException(server, what, timeout, "UDP");
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionRefused)
        {
            // ICMP port unreachable surfaces on a connected UDP socket as a reset (Windows) or refused (Linux): nothing listens there.
            throw new IOException($"DNS server {server} refused the UDP query for {what}: nothing is listening", e);
        }
    }

    static async Task<byte[]> TcpAsync(IPEndPoint server, byte[] request, string what, TimeSpan timeout, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        using var tcp = new TcpClient(server.AddressFamily);
        try
        {
            await tcp.ConnectAsync(server, deadline.Token);
            var stream = tcp.GetStream();
            var framed = new byte[request.Length + 2];
            BinaryPrimitives.WriteUInt16BigEndian(framed, (ushort)request.Length);
            request.CopyTo(framed, 2);
            await stream.WriteAsync(framed, deadline.Token);

            var lengthPrefix = new byte[2];
            await stream.ReadExactlyAsync(lengthPrefix, deadline.Token);
            var response = new byte[BinaryPrimitives.ReadUInt16BigEndian(lengthPrefix)];
            await stream.ReadExactlyAsync(response, deadline.Token);
            return response;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new DnsTimeoutException(server, what, timeout, "TCP");
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused)
        {
            // Named like the UDP case: with TCP forced, a closed port is the first thing an operator will hit.
            throw new IOException($"DNS server {server} refused the TCP connection for {what}: nothing is listening", e);
        }
    }
}
