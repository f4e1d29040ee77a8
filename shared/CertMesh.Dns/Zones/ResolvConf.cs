using System.Net;

namespace CertMesh.Dns.Zones;

/// <summary>
/// The system's recursive nameservers from <c>/etc/resolv.conf</c>, port 53: the default list when none is
/// configured, as cert-manager's controller uses when <c>--dns01-recursive-nameservers</c> is not given.
/// </summary>
public static class ResolvConf
{
    public const string DefaultPath = "/etc/resolv.conf";

    /// <returns>the <c>nameserver</c> lines' addresses in file order; empty when the file is missing or names none.</returns>
    public static IReadOnlyList<IPEndPoint> Nameservers(string path = DefaultPath)
    {
        if (!File.Exists(path))
            return [];
        return Parse(File.ReadLines(path));
    }

    public static IReadOnlyList<IPEndPoint> Parse(IEnumerable<string> lines)
    {
        var servers = new List<IPEndPoint>();
        foreach (var line in lines)
        {
            var fields = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (fields is ["nameserver", var address, ..] && IPAddress.TryParse(address, out var ip))
                servers.Add(new IPEndPoint(ip, 53));
        }
        return servers;
    }
}
