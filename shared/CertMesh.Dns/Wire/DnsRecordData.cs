using System.Net;

namespace CertMesh.Dns.Wire;

/// <summary>The decoded RDATA of one record; one sealed record per type CertMesh understands.</summary>
public abstract record DnsRecordData;

public sealed record AddressRecordData(IPAddress Address) : DnsRecordData;

/// <summary>NS and CNAME: RDATA that is a single domain name.</summary>
public sealed record NameRecordData(string Target) : DnsRecordData;

public sealed record SoaRecordData(
    string PrimaryNameServer, string ResponsibleMailbox,
    uint Serial, uint Refresh, uint Retry, uint Expire, uint Minimum) : DnsRecordData;

/// <summary>TXT keeps its character-strings apart; ACME tokens fit in one, but the split is data (RFC 1035 §3.3.14).</summary>
public sealed record TxtRecordData(IReadOnlyList<string> Strings) : DnsRecordData
{
    /// <summary>The strings joined, which is how DNS-01 validators read a TXT value.</summary>
    public string Text => string.Concat(Strings);
}

public sealed record TsigRecordData(
    string Algorithm, ulong TimeSigned, ushort Fudge, byte[] Mac,
    ushort OriginalId, DnsRcode Error, byte[] OtherData) : DnsRecordData;

/// <summary>Any type not decoded above, kept byte for byte.</summary>
public sealed record RawRecordData(byte[] Data) : DnsRecordData;
