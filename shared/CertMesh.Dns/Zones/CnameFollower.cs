using CertMesh.Dns.Wire;

namespace CertMesh.Dns.Zones;

/// <summary>
/// cert-manager's <c>cnameStrategy: Follow</c>: while the name is an alias, go to its target, so the TXT record is
/// written where the delegation points (<c>_acme-challenge.example.com CNAME example.acme-dns.net</c>). Each hop is
/// asked of the recursive nameservers; a chain that comes back to a name already seen, or runs longer than
/// <see cref="MaxHops"/>, is an error rather than a hang.
/// </summary>
public sealed class CnameFollower(RecursiveLookup lookup)
{
    /// <summary>Longer than any sane delegation; resolvers give up at about this depth too.</summary>
    public const int MaxHops = 16;

    /// <returns>the last name of the chain, absolute; the name itself when it is no alias.</returns>
    /// <exception cref="DnsLookupException">no nameserver answered, the chain loops or is too long.</exception>
    public async Task<string> FollowAsync(string fqdn, CancellationToken cancellationToken)
    {
        var chain = new List<string> { DnsNames.Absolute(fqdn) };
        while (true)
        {
            var current = chain[^1];
            var answer = await lookup.QueryAsync(current, DnsType.CNAME, cancellationToken);
            var alias = answer.Rcode == DnsRcode.NoError
                ? answer.Answers.FirstOrDefault(r => r.Type == DnsType.CNAME && DnsNames.Same(r.Name, current))
                : null;
            if (alias?.Data is not NameRecordData { Target: var target })
                return current;
            target = DnsNames.Absolute(target);
            if (chain.Any(seen => DnsNames.Same(seen, target)))
            {
                throw new DnsLookupException(
                    $"CNAME loop while following {chain[0]}: {string.Join(" -> ", chain)} -> {target} (nameservers {DnsLookupException.List(lookup.Servers)})",
                    lookup.Servers);
            }
            if (chain.Count > MaxHops)
            {
                throw new DnsLookupException(
                    $"CNAME chain from {chain[0]} is longer than {MaxHops} hops (nameservers {DnsLookupException.List(lookup.Servers)})",
                    lookup.Servers);
            }
            chain.Add(target);
        }
    }
}
