using System.Net;

namespace CertMesh.Dns.Zones;

/// <summary>
/// Zone discovery could not get an answer it can use: every nameserver failed, no zone was found, a CNAME chain loops.
/// The message names what was looked for and the nameservers asked, so a status line says where to look.
/// </summary>
public sealed class DnsLookupException(string message, IReadOnlyList<IPEndPoint> servers, Exception? inner = null)
    : Exception(message, inner)
{
    public IReadOnlyList<IPEndPoint> Servers { get; } = servers;

    internal static string List(IEnumerable<IPEndPoint> servers) => "[" + string.Join(", ", servers) + "]";
}
