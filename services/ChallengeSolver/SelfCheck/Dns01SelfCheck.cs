using System.Net;
using CertMesh.ChallengeSolver.Solvers;
using CertMesh.Dns.Resolver;
using CertMesh.Dns.Wire;
using CertMesh.Dns.Zones;

namespace CertMesh.ChallengeSolver.SelfCheck;

/// <summary>
/// cert-manager's DNS-01 propagation check: the TXT value must be served by every authoritative nameserver of the
/// zone, each asked directly and without recursion (the zone's NS names, their addresses from the recursive
/// nameservers, port <see cref="Dns01Options.NameserverPort"/>), so the CA, whichever server it asks, finds it.
/// With <see cref="Dns01Options.RecursiveNameserversOnly"/> every recursive nameserver is asked instead. A miss says
/// which server lacked what.
/// </summary>
internal sealed class Dns01SelfCheck(IDnsResolver resolver, ZoneNameservers nameservers, Dns01Options options)
{
    /// <summary>One server to ask: how it is shown, and its addresses (tried in order until one answers).</summary>
    sealed record Server(string Label, IReadOnlyList<IPEndPoint> EndPoints, bool Recursive);

    public async Task<SelfCheckResult> CheckAsync(string dnsName, Dns01Target target, string value, CancellationToken cancellationToken)
    {
        IReadOnlyList<Server> servers;
        try
        {
            servers = options.RecursiveNameserversOnly
                ? options.RecursiveNameservers.Select(s => new Server("recursive nameserver", [s], Recursive: true)).ToList()
                : await AuthoritativeAsync(target.Zone, cancellationToken);
        }
        catch (DnsLookupException exception)
        {
            return SelfCheckResult.Miss($"DNS record for \"{dnsName}\" not yet propagated: cannot tell the authoritative nameservers of {target.Zone}: {exception.Message}");
        }

        var misses = (await Task.WhenAll(servers.Select(s => AskAsync(s, target.Fqdn, value, cancellationToken)))).OfType<string>().ToList();
        return misses.Count == 0
            ? SelfCheckResult.Pass
            : SelfCheckResult.Miss($"DNS record for \"{dnsName}\" not yet propagated: {string.Join("; ", misses)}");
    }

    async Task<IReadOnlyList<Server>> AuthoritativeAsync(string zone, CancellationToken cancellationToken)
    {
        var resolved = await nameservers.ResolveAsync(zone, cancellationToken);
        return resolved
            .Select(ns => new Server(ns.Name, ns.Addresses.Select(a => new IPEndPoint(a, options.NameserverPort)).ToList(), Recursive: false))
            .ToList();
    }

    /// <returns>null when the server serves the value; otherwise what it did instead.</returns>
    async Task<string?> AskAsync(Server server, string fqdn, string value, CancellationToken cancellationToken)
    {
        if (server.EndPoints.Count == 0)
            return $"{server.Label} has no address (A/AAAA) at the recursive nameservers";
        var problems = new List<string>();
        // One answer per nameserver, as cert-manager dials the NS name once: its other addresses are only a fallback.
        foreach (var endPoint in server.EndPoints)
        {
            DnsMessage answer;
            try
            {
                answer = await resolver.QueryAsync(endPoint, fqdn, DnsType.TXT, server.Recursive, cancellationToken);
            }
            catch (Exception exception) when (RecursiveLookup.IsServerProblem(exception, cancellationToken))
            {
                problems.Add($"{endPoint} ({server.Label}) did not answer: {exception.Message}");
                continue;
            }
            // NXDOMAIN is no error here: the name simply is not there yet.
            if (answer.Rcode is not (DnsRcode.NoError or DnsRcode.NXDomain))
                return $"{endPoint} ({server.Label}) answered {answer.Rcode.ToMnemonic()} for TXT at {fqdn}";
            return answer.Answers.Any(r => r.Data is TxtRecordData txt && txt.Text == value)
                ? null
                : $"{endPoint} ({server.Label}) has no TXT \"{value}\" at {fqdn}";
        }
        return string.Join("; ", problems);
    }
}
