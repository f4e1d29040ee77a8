namespace CertMesh.Domain.Validation;

/// <summary>The DNS providers of cert-manager's <c>ACMEChallengeSolverDNS01</c>: CertMesh runs two of them; the others are
/// accepted so cert-manager YAML applies unchanged, and the DNS service says at run time that it cannot use them.</summary>
public static class Dns01Providers
{
    public const string Rfc2136 = "rfc2136";
    public const string Webhook = "webhook";

    public static IReadOnlyList<string> Supported { get; } = [Rfc2136, Webhook];

    public static IReadOnlyList<string> All { get; } =
        [Rfc2136, Webhook, "acmeDNS", "akamai", "azureDNS", "cloudDNS", "cloudflare", "digitalocean", "route53"];
}
