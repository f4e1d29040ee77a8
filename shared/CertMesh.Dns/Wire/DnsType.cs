namespace CertMesh.Dns.Wire;

/// <summary>Record types CertMesh reads or writes (RFC 1035 §3.2.2, RFC 8945); any other value survives as a number.</summary>
public enum DnsType : ushort
{
    A = 1,
    NS = 2,
    CNAME = 5,
    SOA = 6,
    TXT = 16,
    AAAA = 28,
    OPT = 41,
    TSIG = 250,
    ANY = 255,
}
