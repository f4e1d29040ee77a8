using CertMesh.Contracts.Dns;

namespace CertMesh.DnsWebhook.Providers;

/// <summary>The TXT value to present or clean up, with what cert-manager tells a provider about it.</summary>
internal sealed record DnsChallenge(Guid Uid, string Namespace, string DnsName, string ResolvedFqdn, string ResolvedZone, string Key)
{
    /// <summary>Names as the message has them; absolute names are made so (trailing dot), as cert-manager hands them over.</summary>
    public static DnsChallenge From(ChangeDnsRecord request) =>
        new(request.Uid, request.Namespace, request.DnsName, Absolute(request.ResolvedFqdn), Absolute(request.ResolvedZone), request.Key);

    static string Absolute(string name) => name.Trim().TrimEnd('.') + ".";
}
