using CertMesh.Dns.Wire;

namespace CertMesh.Dns.Zones;

/// <summary>
/// cert-manager's <c>FindZoneByFqdn</c>: climbs the labels of a name asking the recursive nameservers for SOA; the
/// zone is the first name that owns an SOA in the answer or the authority section. NXDOMAIN, an empty NOERROR (the
/// SOA in the authority section then belongs to a zone further up) and an alias (a CNAME cannot sit at a zone apex,
/// RFC 2181 §10.1) all mean: climb on.
/// </summary>
public sealed class ZoneFinder(RecursiveLookup lookup)
{
    /// <returns>the zone, absolute with its trailing dot: <c>example.test.</c></returns>
    /// <exception cref="DnsLookupException">no nameserver answered, or no SOA was found below the root.</exception>
    public async Task<string> FindZoneAsync(string fqdn, CancellationToken cancellationToken)
    {
        foreach (var domain in DnsNames.SelfAndParents(fqdn))
        {
            DnsMessage answer;
            try
            {
                answer = await lookup.QueryAsync(domain, DnsType.SOA, cancellationToken);
            }
            catch (DnsLookupException exception)
            {
                throw new DnsLookupException(
                    $"Could not find the zone of {DnsNames.Absolute(fqdn)} using nameservers {DnsLookupException.List(lookup.Servers)}: {exception.Message}",
                    lookup.Servers, exception);
            }
            if (answer.Rcode == DnsRcode.NXDomain || answer.Answers.Any(r => r.Type == DnsType.CNAME))
                continue;
            if (answer.Answers.Concat(answer.Authorities).Any(r => r.Type == DnsType.SOA && DnsNames.Same(r.Name, domain)))
                return DnsNames.Absolute(domain).ToLowerInvariant();
        }
        throw new DnsLookupException(
            $"Could not find the start of authority for {DnsNames.Absolute(fqdn)} using nameservers {DnsLookupException.List(lookup.Servers)}: no name up to the root owns an SOA record",
            lookup.Servers);
    }
}
