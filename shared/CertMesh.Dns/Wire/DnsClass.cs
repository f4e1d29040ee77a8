namespace CertMesh.Dns.Wire;

/// <summary>Record classes; NONE and ANY carry special meaning in RFC 2136 update sections and TSIG.</summary>
public enum DnsClass : ushort
{
    IN = 1,
    NONE = 254,
    ANY = 255,
}
