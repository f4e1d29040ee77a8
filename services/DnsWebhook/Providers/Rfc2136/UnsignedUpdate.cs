using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using CertMesh.Dns.Transport;
using CertMesh.Dns.Update;
using CertMesh.Dns.Wire;

namespace CertMesh.DnsWebhook.Providers.Rfc2136;

/// <summary>
/// An RFC 2136 TXT change without TSIG, for an rfc2136 solver with no <c>tsigKeyName</c> (cert-manager sends those
/// unsigned; the server's <c>allow-update</c> by address decides). CertMesh.Dns's Rfc2136Client always signs, so the
/// unsigned message is built here. It fails the way that client does (DnsUpdateException, DnsTimeoutException,
/// IOException), so one mapping serves both.
/// </summary>
internal static class UnsignedUpdate
{
    const byte UpdateOpcodeFlags = 5 << 3; // opcode UPDATE in the high flags byte
    const int UpdateCountOffset = 8;       // NSCOUNT is UPCOUNT in an update (RFC 2136 §2.2)

    public static Task AddTxtAsync(IPEndPoint server, string zone, string fqdn, string value, uint ttl, TimeSpan timeout, CancellationToken ct) =>
        SendAsync(server, zone, fqdn, value, DnsClass.IN, ttl, "add", timeout, ct);

    /// <summary>Class NONE with TTL 0 deletes exactly this value (RFC 2136 §2.5.4); an absent value is no error.</summary>
    public static Task RemoveTxtAsync(IPEndPoint server, string zone, string fqdn, string value, TimeSpan timeout, CancellationToken ct) =>
        SendAsync(server, zone, fqdn, value, DnsClass.NONE, 0, "remove", timeout, ct);

    static async Task SendAsync(IPEndPoint server, string zone, string fqdn, string value, DnsClass @class, uint ttl, string verb, TimeSpan timeout, CancellationToken ct)
    {
        var what = $"{verb} TXT at {fqdn} in zone {zone}";
        var raw = await ExchangeAsync(server, Encode(zone, fqdn, value, @class, ttl), what, timeout, ct);
        var response = DnsMessage.Parse(raw);
        if (response.Rcode != DnsRcode.NoError)
            throw new DnsUpdateException($"{server} refused to {what} without a TSIG key: {response.Rcode.ToMnemonic()}",
                server, "", response.Rcode, DnsRcode.NoError);
    }

    internal static byte[] Encode(string zone, string fqdn, string value, DnsClass @class, uint ttl)
    {
        // The zone section has a question's shape (zone, SOA, IN), so the library's query encoder writes header and
        // zone; names are encoded (and checked) by the same writer.
        var header = DnsQuery.Encode((ushort)RandomNumberGenerator.GetInt32(ushort.MaxValue + 1), zone, DnsType.SOA, recursionDesired: false);
        header[2] = UpdateOpcodeFlags;
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(UpdateCountOffset), 1);
        var owner = DnsQuery.Encode(0, fqdn, DnsType.TXT, recursionDesired: false)[12..^4];

        var rdata = TxtData(value);
        var record = new byte[owner.Length + 10 + rdata.Length];
        owner.CopyTo(record, 0);
        var fields = record.AsSpan(owner.Length);
        BinaryPrimitives.WriteUInt16BigEndian(fields, (ushort)DnsType.TXT);
        BinaryPrimitives.WriteUInt16BigEndian(fields[2..], (ushort)@class);
        BinaryPrimitives.WriteUInt32BigEndian(fields[4..], ttl);
        BinaryPrimitives.WriteUInt16BigEndian(fields[8..], (ushort)rdata.Length);
        rdata.CopyTo(fields[10..]);
        return [.. header, .. record];
    }

    /// <summary>TXT RDATA: character-strings of at most 255 bytes each.</summary>
    static byte[] TxtData(string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        var data = new List<byte>(bytes.Length + bytes.Length / 255 + 1);
        var offset = 0;
        do
        {
            var chunk = Math.Min(255, bytes.Length - offset);
            data.Add((byte)chunk);
            data.AddRange(bytes.AsSpan(offset, chunk));
            offset += chunk;
        } while (offset < bytes.Length);
        return [.. data];
    }

    /// <summary>UDP only: an update's answer is a header and a zone, far below 512 bytes, so it is never truncated.</summary>
    static async Task<byte[]> ExchangeAsync(IPEndPoint server, byte[] request, string what, TimeSpan timeout, CancellationToken ct)
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
                if (result.Buffer.Length >= 12 && result.Buffer[0] == request[0] && result.Buffer[1] == request[1])
                    return result.Buffer;
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new DnsTimeoutException(server, what, timeout, "UDP");
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
        {
            throw new IOException($"DNS server {server} refused the UDP update to {what}: nothing is listening", e);
        }
    }
}
