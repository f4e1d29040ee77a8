using System.Net;

namespace CertMesh.Dns.Zones;

/// <summary>One NS of a zone: its name (absolute, lower case) and the addresses the recursive nameservers give for it, IPv4 first.</summary>
public sealed record AuthoritativeNameserver(string Name, IReadOnlyList<IPAddress> Addresses);
