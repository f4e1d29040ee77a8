using System.Net;
using CertMesh.Dns.Wire;

namespace CertMesh.Dns.Resolver;

/// <summary>
/// One question to one server, answered whole: <see cref="DnsResolver"/> on the network; zone discovery takes this
/// seam so its walk can also be tested on answers no test server is allowed to hold (CNAME chains, loops).
/// </summary>
public interface IDnsResolver
{
    /// <param name="recursionDesired">false asks a server about its own data only, as propagation checks of authoritative nameservers must.</param>
    Task<DnsMessage> QueryAsync(IPEndPoint server, string name, DnsType type, bool recursionDesired, CancellationToken cancellationToken);
}
