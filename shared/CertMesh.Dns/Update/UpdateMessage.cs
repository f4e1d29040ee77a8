using CertMesh.Dns.Wire;

namespace CertMesh.Dns.Update;

/// <summary>Builds an unsigned RFC 2136 UPDATE with one zone, no prerequisites and one TXT change.</summary>
internal static class UpdateMessage
{
    public static byte[] TxtChange(ushort id, string zone, string fqdn, string value, DnsClass @class, uint ttl)
    {
        var writer = new DnsWriter();
        writer.WriteUInt16(id);
        writer.WriteUInt16(DnsFlags.Opcode(DnsFlags.UpdateOpcode));
        writer.WriteUInt16(1); // ZOCOUNT
        writer.WriteUInt16(0); // PRCOUNT
        writer.WriteUInt16(1); // UPCOUNT
        writer.WriteUInt16(0); // ADCOUNT, TSIG comes later
        writer.WriteName(zone);
        writer.WriteUInt16((ushort)DnsType.SOA);
        writer.WriteUInt16((ushort)DnsClass.IN);

        // Class IN adds the RR to its set; class NONE with TTL 0 deletes exactly this RR (RFC 2136 §2.5.1, §2.5.4).
        writer.WriteName(fqdn);
        writer.WriteUInt16((ushort)DnsType.TXT);
        writer.WriteUInt16((ushort)@class);
        writer.WriteUInt32(ttl);
        var rdLengthAt = writer.Length;
        writer.WriteUInt16(0);
        writer.WriteCharacterStrings(value);
        writer.PatchUInt16(rdLengthAt, (ushort)(writer.Length - rdLengthAt - 2));
        return writer.ToArray();
    }
}
