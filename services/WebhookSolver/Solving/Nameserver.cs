using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace CertMesh.WebhookSolver.Solving;

/// <summary>
/// config.nameserver as cert-manager's rfc2136 provider takes it: "host:port", "host" (port 53), "[v6]:port" or a
/// bare IPv6 address; the host may be an address or a DNS name, resolved when a challenge needs it.
/// </summary>
internal sealed record Nameserver(string Host, int Port)
{
    public const int DefaultPort = 53;
    const string Field = "config.nameserver";

    public override string ToString() => Host.Contains(':') ? $"[{Host}]:{Port}" : $"{Host}:{Port}";

    public static Nameserver? Parse(string value, out string? error)
    {
        error = null;
        var (host, port) = Split(value.Trim());
        if (host.Length == 0)
            error = $"{Field} '{value}' has no host";
        else if (!IPAddress.TryParse(host, out _) && Uri.CheckHostName(host) != UriHostNameType.Dns)
            error = $"{Field} '{value}' has a host that is neither an IP address nor a DNS name";
        else if (port is null)
            return new Nameserver(host, DefaultPort);
        else if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number is < 1 or > 65535)
            error = $"{Field} '{value}' has port '{port}'; use 1..65535";
        else
            return new Nameserver(host, number);
        return null;
    }

    /// <summary>Resolves a DNS-name host through the system resolver; IPv4 first, since the update goes out over UDP from any address.</summary>
    public async Task<IPEndPoint> ResolveAsync(CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(Host, out var address))
            return new IPEndPoint(address, Port);
        // Spelled out: inside CertMesh.* the bare name Dns means the CertMesh.Dns namespace.
        var addresses = await System.Net.Dns.GetHostAddressesAsync(Host, cancellationToken);
        var chosen = addresses.OrderBy(a => a.AddressFamily == AddressFamily.InterNetwork ? 0 : 1).FirstOrDefault()
            ?? throw new SocketException((int)SocketError.HostNotFound);
        return new IPEndPoint(chosen, Port);
    }

    static (string Host, string? Port) Split(string value)
    {
        if (value.StartsWith('['))
        {
            var close = value.IndexOf(']');
            if (close < 0)
                return ("", null);
            var rest = value[(close + 1)..];
            return (value[1..close], rest.Length == 0 ? null : rest.StartsWith(':') ? rest[1..] : rest);
        }
        var colons = value.Count(c => c == ':');
        if (colons != 1)
            return (value, null); // no port, or a bare IPv6 address
        var at = value.IndexOf(':');
        return (value[..at], value[(at + 1)..]);
    }
}
