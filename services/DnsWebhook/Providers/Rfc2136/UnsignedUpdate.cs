using System.Buffers.Binary;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using CertMesh.Dns.Transport;
using CertMesh.Dns.Update;
using CertMesh.Dns.Wire;

namespace CertMesh.DnsWebhook.Providers.Rfc2136;

/// <summary>
/// An RFC 2136 TXT change without TSIG, for an rfc2136 solver with no <c>tsigKeyName</c> (cert-manager sends those
/// unsigned; the server's <c>allow-update</c> by address decides). CertMesh.Dns's Rfc2136Client always signs, so the
/// unsigned message is built here. It goes out through the library's transport (UDP, or TCP when the solver's
/// <c>protocol</c> says so) and fails the way that client does (DnsUpdateException, DnsTimeoutException, IOException),
/// so one mapping serves both.
/// </summary>
internal static class UnsignedUpdate
{
    const byte UpdateOpcodeFlags = 5 << 3; // opcode UPDATE in the high flags byte
    const int UpdateCountOffset = 8;       // NSCOUNT is UPCOUNT in an update (RFC 2136 §2.2)

    public static Task AddTxtAsync(IPEndPoint server, string zone, string fqdn, string value, uint ttl, DnsClientOptions options, CancellationToken ct) =>
        SendAsync(server, zone, fqdn, value, DnsClass.IN, ttl, "add", options, ct);

    /// <summary>Class NONE with TTL 0 deletes exactly this value (RFC 2136 §2.5.4); an absent value is no error.</summary>
    public static Task RemoveTxtAsync(IPEndPoint server, string zone, string fqdn, string value, DnsClientOptions options, CancellationToken ct) =>
        SendAsync(server, zone, fqdn, value, DnsClass.NONE, 0, "remove", options, ct);

    static async Task SendAsync(IPEndPoint server, string zone, string fqdn, string value, DnsClass @class, uint ttl, string verb, DnsClientOptions options, CancellationToken ct)
    {
        var what = $"{verb} TXT at {fqdn} in zone {zone}";
        var raw = await DnsTransport.ExchangeAsync(server, Encode(zone, fqdn, value, @class, ttl), what, options, ct);
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
}
