using System.Net;
using CertMesh.Dns.Wire;

namespace CertMesh.Dns.Zones;

/// <summary>
/// Who is authoritative for a zone, as cert-manager's propagation check finds out: the zone's NS names from the
/// recursive nameservers, then each name's A and AAAA records from the same servers (not the system resolver, so
/// the answer is the one the configured servers give).
/// </summary>
public sealed class ZoneNameservers(RecursiveLookup lookup)
{
    /// <returns>every NS of the zone with its addresses; a name without any has an empty list, for the caller to report.</returns>
    /// <exception cref="DnsLookupException">no nameserver answered, or the zone has no NS records.</exception>
    public async Task<IReadOnlyList<AuthoritativeNameserver>> ResolveAsync(string zone, CancellationToken cancellationToken)
    {
        var names = await NamesAsync(zone, cancellationToken);
        var resolved = await Task.WhenAll(names.Select(async name => new AuthoritativeNameserver(name, await AddressesAsync(name, cancellationToken))));
        return resolved;
    }

    /// <returns>the zone's NS names, absolute, lower case, sorted.</returns>
    public async Task<IReadOnlyList<string>> NamesAsync(string zone, CancellationToken cancellationToken)
    {
        var answer = await lookup.QueryAsync(DnsNames.Absolute(zone), DnsType.NS, cancellationToken);
        var names = answer.Answers
            .Where(r => r.Type == DnsType.NS && DnsNames.Same(r.Name, zone))
            .Select(r => DnsNames.Absolute(((NameRecordData)r.Data).Target).ToLowerInvariant())
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
        if (names.Count == 0)
        {
            throw new DnsLookupException(
                $"Could not determine the authoritative nameservers of {DnsNames.Absolute(zone)} using nameservers {DnsLookupException.List(lookup.Servers)}: " +
                $"the answer ({answer.Rcode.ToMnemonic()}) has no NS records",
                lookup.Servers);
        }
        return names;
    }

    /// <returns>the host's IPv4 then IPv6 addresses; a CNAME chain in the answer is taken as the resolver followed it.</returns>
    public async Task<IReadOnlyList<IPAddress>> AddressesAsync(string host, CancellationToken cancellationToken)
    {
        var name = DnsNames.Absolute(host);
        var answers = await Task.WhenAll(
            lookup.QueryAsync(name, DnsType.A, cancellationToken),
            lookup.QueryAsync(name, DnsType.AAAA, cancellationToken));
        return answers
            .SelectMany(a => a.Answers)
            .Where(r => r.Type is DnsType.A or DnsType.AAAA)
            .Select(r => ((AddressRecordData)r.Data).Address)
            .Distinct()
            .ToList();
    }
}
