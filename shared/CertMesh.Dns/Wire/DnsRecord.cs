namespace CertMesh.Dns.Wire;

/// <summary>One resource record as decoded from a message; names are without the trailing dot.</summary>
public sealed record DnsRecord(string Name, DnsType Type, DnsClass Class, uint Ttl, DnsRecordData Data)
{
    public override string ToString() => $"{Name} {Ttl} {Class} {Type} {Data}";
}

public sealed record DnsQuestion(string Name, DnsType Type, DnsClass Class);
