using System.Net;
using CertMesh.Acme.Orders;
using CertMesh.Domain.Acme;
using CertMesh.Domain.Durations;
using CertMesh.Domain.Resources;

namespace CertMesh.AcmeOrder.Orders;

/// <summary>What newOrder is asked for: every DNS name and IP address of the request, the common name included.</summary>
internal static class NewOrderRequests
{
    public static NewOrderRequest For(OrderSpec spec, AcmeIssuerConfig config, DateTimeOffset now) => new()
    {
        Identifiers = Identifiers(spec),
        // Most CAs (Let's Encrypt among them) refuse notAfter, hence cert-manager's opt-in.
        NotAfter = config.EnableDurationFeature && GoDuration.TryParse(spec.Duration, out var duration, out _) && duration > TimeSpan.Zero
            ? now + duration
            : null,
        Profile = config.Profile,
    };

    /// <summary>
    /// DNS identifiers, then IP identifiers (RFC 8738, in canonical text form), each once. The common name is added
    /// when it is not among them, as cert-manager does: the CA must authorize every name the CSR carries.
    /// </summary>
    public static IReadOnlyList<AcmeIdentifier> Identifiers(OrderSpec spec)
    {
        var dns = new List<string>();
        var ips = new List<string>();
        foreach (var name in spec.DnsNames.Append(spec.CommonName ?? "").Concat(spec.IpAddresses))
        {
            if (string.IsNullOrWhiteSpace(name))
                continue;
            if (IPAddress.TryParse(name, out var ip))
            {
                if (!ips.Contains(ip.ToString()))
                    ips.Add(ip.ToString());
            }
            else if (!dns.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                dns.Add(name);
            }
        }
        return [.. dns.Select(AcmeIdentifier.Dns), .. ips.Select(AcmeIdentifier.Ip)];
    }
}
