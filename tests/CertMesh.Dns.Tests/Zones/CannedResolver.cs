using System.Net;
using CertMesh.Dns.Resolver;
using CertMesh.Dns.Tests.Wire;
using CertMesh.Dns.Wire;

namespace CertMesh.Dns.Tests.Zones;

/// <summary>
/// Answers from wire bytes assembled by hand and decoded by <see cref="DnsMessage.Parse"/>, for what the local BIND
/// may not hold (its update policy allows TXT only, so no CNAME chains) or cannot do (fail on purpose). A question
/// nothing was canned for gets NXDOMAIN; every question asked is recorded.
/// </summary>
internal sealed class CannedResolver : IDnsResolver
{
    readonly Dictionary<(IPEndPoint?, string, DnsType), Func<DnsMessage>> _answers = [];

    public List<(IPEndPoint Server, string Name, DnsType Type, bool Recursive)> Asked { get; } = [];

    /// <summary>Answers <paramref name="name"/>/<paramref name="type"/>; from <paramref name="server"/> only, or from any.</summary>
    public CannedResolver On(string name, DnsType type, Func<DnsMessage> answer, IPEndPoint? server = null)
    {
        _answers[(server, Key(name), type)] = answer;
        return this;
    }

    public Task<DnsMessage> QueryAsync(IPEndPoint server, string name, DnsType type, bool recursionDesired, CancellationToken cancellationToken)
    {
        lock (Asked)
            Asked.Add((server, name, type, recursionDesired));
        var answer = _answers.GetValueOrDefault((server, Key(name), type)) ?? _answers.GetValueOrDefault((null, Key(name), type));
        try
        {
            return Task.FromResult(answer is null ? Message(DnsRcode.NXDomain) : answer());
        }
        catch (Exception exception)
        {
            return Task.FromException<DnsMessage>(exception);
        }
    }

    static string Key(string name) => name.TrimEnd('.').ToLowerInvariant();

    /// <summary>A response with the given records, encoded on the wire and parsed back.</summary>
    public static DnsMessage Message(DnsRcode rcode, IEnumerable<Rr>? answers = null, IEnumerable<Rr>? authorities = null)
    {
        var an = answers?.ToList() ?? [];
        var ns = authorities?.ToList() ?? [];
        var b = new ResponseBuilder().Header(0x4242, 0x8180 | (int)rcode, 0, an.Count, ns.Count, 0);
        foreach (var record in an.Concat(ns))
            record.WriteTo(b);
        return DnsMessage.Parse(b.ToArray());
    }

    /// <summary>What a dead server amounts to: the transport's timeout.</summary>
    public static DnsMessage Timeout(IPEndPoint server) => throw new Transport.DnsTimeoutException(server, "canned", TimeSpan.FromSeconds(1), "UDP");
}

/// <summary>One record to encode: owner, type and its RDATA (a name for CNAME/NS, an address for A, the zone's SOA).</summary>
internal sealed record Rr(string Owner, DnsType Type, string Data = "")
{
    public static Rr Cname(string owner, string target) => new(owner, DnsType.CNAME, target);
    public static Rr Ns(string owner, string target) => new(owner, DnsType.NS, target);
    public static Rr Soa(string owner) => new(owner, DnsType.SOA, "ns1." + owner.TrimEnd('.'));
    public static Rr A(string owner, string address) => new(owner, DnsType.A, address);

    public void WriteTo(ResponseBuilder b)
    {
        Name(b, Owner).U16((int)Type).U16(1).U32(60);
        var rdata = new ResponseBuilder();
        switch (Type)
        {
            case DnsType.CNAME or DnsType.NS:
                Name(rdata, Data);
                break;
            case DnsType.SOA:
                Name(Name(rdata, Data), "hostmaster." + Owner.TrimEnd('.')).U32(1).U32(60).U32(30).U32(86400).U32(5);
                break;
            case DnsType.A:
                rdata.U8(IPAddress.Parse(Data).GetAddressBytes());
                break;
        }
        var bytes = rdata.ToArray();
        b.U16(bytes.Length).U8(bytes);
    }

    static ResponseBuilder Name(ResponseBuilder b, string name)
    {
        foreach (var label in name.TrimEnd('.').Split('.', StringSplitOptions.RemoveEmptyEntries))
            b.Label(label);
        return b.U8(0);
    }
}
