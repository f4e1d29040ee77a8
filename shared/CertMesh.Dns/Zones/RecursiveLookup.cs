using System.Net;
using System.Net.Sockets;
using CertMesh.Dns.Resolver;
using CertMesh.Dns.Wire;

namespace CertMesh.Dns.Zones;

/// <summary>
/// One question to the recursive nameservers, asked in the configured order until one gives a usable answer
/// (NOERROR or NXDOMAIN), as cert-manager walks its <c>--dns01-recursive-nameservers</c> list. A server that does not
/// answer, cannot be reached or answers SERVFAIL/REFUSED is passed over; when none is left the error lists each one's problem.
/// </summary>
public sealed class RecursiveLookup
{
    readonly IDnsResolver _resolver;

    public RecursiveLookup(IDnsResolver resolver, IReadOnlyList<IPEndPoint> servers)
    {
        if (servers.Count == 0)
            throw new ArgumentException("at least one recursive nameserver is needed", nameof(servers));
        _resolver = resolver;
        Servers = servers;
    }

    public IReadOnlyList<IPEndPoint> Servers { get; }

    /// <exception cref="DnsLookupException">no server gave a usable answer.</exception>
    public async Task<DnsMessage> QueryAsync(string name, DnsType type, CancellationToken cancellationToken)
    {
        var problems = new List<string>(Servers.Count);
        foreach (var server in Servers)
        {
            try
            {
                var answer = await _resolver.QueryAsync(server, name, type, recursionDesired: true, cancellationToken);
                if (answer.Rcode is DnsRcode.NoError or DnsRcode.NXDomain)
                    return answer;
                problems.Add($"{server} answered {answer.Rcode.ToMnemonic()}");
            }
            catch (Exception exception) when (IsServerProblem(exception, cancellationToken))
            {
                problems.Add($"{server}: {exception.Message}");
            }
        }
        throw new DnsLookupException(
            $"DNS lookup of {name} {type} failed on every nameserver of {DnsLookupException.List(Servers)}: {string.Join("; ", problems)}",
            Servers);
    }

    /// <summary>What one server can do wrong; the caller giving up (its token) is not one of them.</summary>
    public static bool IsServerProblem(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        OperationCanceledException when cancellationToken.IsCancellationRequested => false,
        TimeoutException or IOException or SocketException or DnsFormatException => true,
        _ => false,
    };
}
