using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace CertMesh.Domain.Validation;

/// <summary>
/// <c>rfc2136.nameserver</c>: <c>host:port</c>, <c>host</c> (port 53), <c>[IPv6]:port</c>, <c>[IPv6]</c> or a bare IPv6
/// address, where host is an IPv4 address or a DNS name: the forms cert-manager and the DNS service accept.
/// </summary>
public static class NameserverSyntax
{
    public const string Forms = "use host, host:port or [IPv6]:port, e.g. 10.0.0.53:53, ns1.example.com or [2001:db8::53]:53";

    /// <returns>why <paramref name="value"/> is not a nameserver address; null when it is one.</returns>
    public static string? Problem(string value)
    {
        var text = value.Trim();
        if (text.Contains("://", StringComparison.Ordinal))
        {
            return $"a nameserver address, not a URL; {Forms}";
        }
        if (!TrySplit(text, out var host, out var port))
        {
            return $"not a nameserver address; {Forms}";
        }
        if (port.Length > 0 && !(int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is > 0 and <= 65535))
        {
            return $"port {ValueExcerpt.Quote(port)} must be a number from 1 to 65535";
        }
        return HostProblem(host);
    }

    private static bool TrySplit(string text, out string host, out string port)
    {
        host = text;
        port = "";
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']', StringComparison.Ordinal);
            var rest = close < 0 ? "" : text[(close + 1)..];
            if (close < 0 || (rest.Length > 0 && !rest.StartsWith(':')))
            {
                return false;
            }
            host = text[1..close];
            port = rest.TrimStart(':');
            return IsIPv6(host);
        }
        if (text.Count(c => c == ':') > 1)
        {
            // A bare IPv6 address: its colons are no port separator.
            return IsIPv6(text);
        }
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            host = text[..colon];
            port = text[(colon + 1)..];
        }
        return host.Length > 0;
    }

    private static string? HostProblem(string host)
    {
        if (host.Contains(':', StringComparison.Ordinal))
        {
            return null; // IPv6, checked while splitting
        }
        if (host.All(c => char.IsAsciiDigit(c) || c == '.'))
        {
            return IsDottedQuad(host) ? null : $"host {ValueExcerpt.Quote(host)} is not a valid IPv4 address";
        }
        var name = host.EndsWith('.') ? host[..^1] : host;
        return DnsNameSyntax.IsWildcard(name) || DnsNameSyntax.Errors(name) is { Count: > 0 }
            ? $"host {ValueExcerpt.Quote(host)} is neither an IP address nor a valid DNS name"
            : null;
    }

    private static bool IsIPv6(string text) =>
        IPAddress.TryParse(text, out var address) && address.AddressFamily == AddressFamily.InterNetworkV6;

    private static bool IsDottedQuad(string text)
    {
        var parts = text.Split('.');
        return parts.Length == 4 && parts.All(p => p.Length is > 0 and <= 3 && int.Parse(p, CultureInfo.InvariantCulture) <= 255);
    }
}
