using System.Globalization;
using System.Net;
using System.Net.Sockets;
using CertMesh.DnsWebhook.Changes;

namespace CertMesh.DnsWebhook.Providers.Rfc2136;

/// <summary>
/// cert-manager's <c>rfc2136.nameserver</c>: <c>host:port</c>, <c>host</c> (port 53), <c>[v6]:port</c>, <c>[v6]</c> or a
/// bare IPv6 address; the host may be a name, resolved when the update is sent.
/// </summary>
internal sealed record Nameserver(string Host, int Port)
{
    const int DefaultPort = 53;
    const string Field = "dns01.rfc2136.nameserver";

    public override string ToString() => Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{Port}" : $"{Host}:{Port}";

    public static Nameserver Parse(string value)
    {
        var text = value.Trim();
        string host;
        string port;
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']', StringComparison.Ordinal);
            var rest = close < 0 ? "?" : text[(close + 1)..];
            if (close < 0 || (rest.Length > 0 && !rest.StartsWith(':')))
                throw Invalid(value);
            host = text[1..close];
            port = rest.TrimStart(':');
        }
        else if (text.Count(c => c == ':') > 1)
        {
            // A bare IPv6 address: its colons are not a port separator.
            host = text;
            port = "";
        }
        else
        {
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            host = colon < 0 ? text : text[..colon];
            port = colon < 0 ? "" : text[(colon + 1)..];
        }

        if (host.Length == 0 || (host.Contains(':', StringComparison.Ordinal) && !IPAddress.TryParse(host, out _)))
            throw Invalid(value);
        if (port.Length == 0)
            return new Nameserver(host, DefaultPort);
        return int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is > 0 and <= 65535
            ? new Nameserver(host, number)
            : throw DnsChangeException.InvalidConfig($"{Field}: '{value}' has an invalid port; use 1..65535");
    }

    /// <summary>The address to send to; a name that does not resolve is Unreachable (DNS may be catching up).</summary>
    public async Task<IPEndPoint> ResolveAsync(CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(Host, out var literal))
            return new IPEndPoint(literal, Port);
        IPAddress[] addresses;
        try
        {
            addresses = await System.Net.Dns.GetHostAddressesAsync(Host, cancellationToken);
        }
        catch (SocketException e)
        {
            throw DnsChangeException.Unreachable($"cannot resolve nameserver {Host}: {e.Message}", e);
        }
        // IPv4 first: a loopback or private primary is far more often listening there.
        var address = addresses.OrderBy(a => a.AddressFamily == AddressFamily.InterNetwork ? 0 : 1).FirstOrDefault()
            ?? throw DnsChangeException.Unreachable($"cannot resolve nameserver {Host}: no addresses");
        return new IPEndPoint(address, Port);
    }

    static DnsChangeException Invalid(string value) =>
        DnsChangeException.InvalidConfig($"{Field}: '{value}' is not host, host:port or [IPv6]:port");
}
