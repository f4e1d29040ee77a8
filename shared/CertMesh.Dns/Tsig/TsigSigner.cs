using System.Security.Cryptography;
using CertMesh.Dns.Wire;

namespace CertMesh.Dns.Tsig;

/// <summary>Signs requests and checks signed responses as RFC 8945 §4.3 and §5.3 describe.</summary>
internal static class TsigSigner
{
    // RFC 8945 §10 recommends 300 s of allowed clock skew.
    public const ushort Fudge = 300;

    /// <summary>Appends a TSIG record to an unsigned message; returns the signed bytes and the MAC a response must chain to.</summary>
    public static (byte[] Signed, byte[] Mac) Sign(byte[] message, TsigKey key, DateTimeOffset now)
    {
        var timeSigned = (ulong)now.ToUnixTimeSeconds();
        var digest = new DnsWriter();
        digest.WriteBytes(message);
        WriteVariables(digest, key, timeSigned, Fudge, DnsRcode.NoError, []);
        var mac = key.Mac(digest.ToArray());

        var signed = new DnsWriter();
        signed.WriteBytes(message);
        signed.WriteName(key.Name, lowercase: true);
        signed.WriteUInt16((ushort)DnsType.TSIG);
        signed.WriteUInt16((ushort)DnsClass.ANY);
        signed.WriteUInt32(0);
        var rdLengthAt = signed.Length;
        signed.WriteUInt16(0);
        signed.WriteName(key.Algorithm.WireName(), lowercase: true);
        signed.WriteUInt48(timeSigned);
        signed.WriteUInt16(Fudge);
        signed.WriteUInt16((ushort)mac.Length);
        signed.WriteBytes(mac);
        signed.WriteUInt16(ReadUInt16(message, DnsFlags.IdOffset)); // original id
        signed.WriteUInt16((ushort)DnsRcode.NoError);
        signed.WriteUInt16(0); // other len
        signed.PatchUInt16(rdLengthAt, (ushort)(signed.Length - rdLengthAt - 2));

        var bytes = signed.ToArray();
        DnsWriter.SetUInt16(bytes, DnsFlags.AdditionalCountOffset, (ushort)(ReadUInt16(message, DnsFlags.AdditionalCountOffset) + 1));
        return (bytes, mac);
    }

    /// <summary>
    /// Checks a response's MAC against the request MAC it chains to. Returns null when it verifies, otherwise why not.
    /// Callers look at the TSIG error field first: a server that rejected our key sends an empty MAC.
    /// </summary>
    public static string? Verify(byte[] raw, DnsMessage response, TsigKey key, byte[] requestMac, DateTimeOffset now)
    {
        if (response.Tsig is not { Data: TsigRecordData tsig } record)
            return "the response is not signed";
        if (!string.Equals(record.Name, key.Name, StringComparison.OrdinalIgnoreCase))
            return $"the response is signed with key {record.Name}";
        if (!string.Equals(tsig.Algorithm.TrimEnd('.'), key.Algorithm.WireName(), StringComparison.OrdinalIgnoreCase))
            return $"the response is signed with algorithm {tsig.Algorithm}";

        // What the server signed: our MAC, then its message as it was before the TSIG record was added.
        var unsigned = raw.AsSpan(0, response.TsigOffset!.Value).ToArray();
        DnsWriter.SetUInt16(unsigned, DnsFlags.IdOffset, tsig.OriginalId);
        DnsWriter.SetUInt16(unsigned, DnsFlags.AdditionalCountOffset, (ushort)(response.Additionals.Count - 1));
        var digest = new DnsWriter();
        digest.WriteUInt16((ushort)requestMac.Length);
        digest.WriteBytes(requestMac);
        digest.WriteBytes(unsigned);
        WriteVariables(digest, key, tsig.TimeSigned, tsig.Fudge, tsig.Error, tsig.OtherData);
        var expected = key.Mac(digest.ToArray());

        if (!CryptographicOperations.FixedTimeEquals(expected, tsig.Mac))
            return "the response MAC does not match (BADSIG)";
        var skew = Math.Abs(now.ToUnixTimeSeconds() - (long)tsig.TimeSigned);
        if (skew > tsig.Fudge)
            return $"the response was signed {skew} s away from our clock, beyond its fudge of {tsig.Fudge} s (BADTIME)";
        return null;
    }

    /// <summary>The TSIG variables of RFC 8945 §4.3.3, in canonical (lower-case, uncompressed) form.</summary>
    internal static void WriteVariables(DnsWriter digest, TsigKey key, ulong timeSigned, ushort fudge, DnsRcode error, byte[] otherData)
    {
        digest.WriteName(key.Name, lowercase: true);
        digest.WriteUInt16((ushort)DnsClass.ANY);
        digest.WriteUInt32(0); // TTL
        digest.WriteName(key.Algorithm.WireName(), lowercase: true);
        digest.WriteUInt48(timeSigned);
        digest.WriteUInt16(fudge);
        digest.WriteUInt16((ushort)error);
        digest.WriteUInt16((ushort)otherData.Length);
        digest.WriteBytes(otherData);
    }

    static ushort ReadUInt16(byte[] message, int offset) => (ushort)((message[offset] << 8) | message[offset + 1]);
}
