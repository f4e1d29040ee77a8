namespace CertMesh.Dns.Wire;

/// <summary>Encodes a standard query with one question, the only shape of query CertMesh sends.</summary>
public static class DnsQuery
{
    public static byte[] Encode(ushort id, string name, DnsType type, bool recursionDesired)
    {
        var writer = new DnsWriter();
        writer.WriteUInt16(id);
        writer.WriteUInt16(recursionDesired ? DnsFlags.RecursionDesired : (ushort)0);
        writer.WriteUInt16(1); // one question
        writer.WriteUInt16(0);
        writer.WriteUInt16(0);
        writer.WriteUInt16(0);
        writer.WriteName(name);
        writer.WriteUInt16((ushort)type);
        writer.WriteUInt16((ushort)DnsClass.IN);
        return writer.ToArray();
    }
}
