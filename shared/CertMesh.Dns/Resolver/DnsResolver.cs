using System.Net;
using System.Security.Cryptography;
using CertMesh.Dns.Transport;
using CertMesh.Dns.Wire;

namespace CertMesh.Dns.Resolver;

/// <summary>
/// Asks one named server one question and returns its whole answer; no caching or recursion of its own,
/// because SOA walks and propagation checks must see what each authoritative server says right now.
/// </summary>
public sealed class DnsResolver(DnsClientOptions? options = null) : IDnsResolver
{
    readonly DnsClientOptions options = options ?? DnsClientOptions.Default;

    public Task<DnsMessage> QueryAsync(IPEndPoint server, string name, DnsType type, CancellationToken cancellationToken = default) =>
        QueryAsync(server, name, type, recursionDesired: true, cancellationToken);

    public async Task<DnsMessage> QueryAsync(IPEndPoint server, string name, DnsType type, bool recursionDesired, CancellationToken cancellationToken)
    {
        var id = (ushort)RandomNumberGenerator.GetInt32(ushort.MaxValue + 1);
        var request = DnsQuery.Encode(id, name, type, recursionDesired);
        var raw = await DnsTransport.ExchangeAsync(server, request, $"{name} {type}", options, cancellationToken);
        return DnsMessage.Parse(raw);
    }
}
