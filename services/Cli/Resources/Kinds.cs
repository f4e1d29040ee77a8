namespace CertMesh.Cli.Resources;

/// <summary>The kinds the CLI knows, and kubectl's singular, plural, short and group-qualified names for them.</summary>
internal static class Kinds
{
    public static readonly KindInfo Certificate = new("Certificate", "certificates", "cert-manager.io", true, "cert", "certs");
    public static readonly KindInfo CertificateRequest = new("CertificateRequest", "certificaterequests", "cert-manager.io", true, "cr", "crs");
    public static readonly KindInfo Issuer = new("Issuer", "issuers", "cert-manager.io", true);
    public static readonly KindInfo ClusterIssuer = new("ClusterIssuer", "clusterissuers", "cert-manager.io", false, "ciss", "cis");
    public static readonly KindInfo Order = new("Order", "orders", "acme.cert-manager.io", true);
    public static readonly KindInfo Challenge = new("Challenge", "challenges", "acme.cert-manager.io", true);
    public static readonly KindInfo Secret = new("Secret", "secrets", "", true);
    public static readonly KindInfo Namespace = new("Namespace", "namespaces", "", false, "ns");
    public static readonly KindInfo CertificateRequestPolicy = new("CertificateRequestPolicy", "certificaterequestpolicies", "policy.cert-manager.io", false, "crp", "crps");

    // Who may do what (auth.certmesh.io/v1); like Kubernetes RBAC's kinds, without short names.
    public static readonly KindInfo Principal = new("Principal", "principals", "auth.certmesh.io", false);
    public static readonly KindInfo RoleBinding = new("RoleBinding", "rolebindings", "auth.certmesh.io", true);
    public static readonly KindInfo ClusterRoleBinding = new("ClusterRoleBinding", "clusterrolebindings", "auth.certmesh.io", false);
    public static readonly KindInfo ClusterIssuerGrant = new("ClusterIssuerGrant", "clusterissuergrants", "auth.certmesh.io", false);

    /// <summary>The Api's audit log, read with <c>get events</c> (its own endpoint, not a stored resource).</summary>
    public static readonly KindInfo Event = new("Event", "events", "", true, "ev");

    public static IReadOnlyList<KindInfo> All { get; } =
    [
        Certificate, CertificateRequest, Issuer, ClusterIssuer, Order, Challenge, Secret,
        CertificateRequestPolicy, Principal, RoleBinding, ClusterRoleBinding, ClusterIssuerGrant, Namespace, Event,
    ];

    /// <summary>Resolves <c>certs</c>, <c>Certificate</c>, <c>certificates.cert-manager.io</c> … to a kind.</summary>
    public static KindInfo Resolve(string text)
    {
        var lower = text.ToLowerInvariant();
        foreach (var kind in All)
        {
            var name = kind.Group.Length > 0 && lower.EndsWith("." + kind.Group, StringComparison.Ordinal)
                ? lower[..^(kind.Group.Length + 1)]
                : lower;
            if (name == kind.Singular || name == kind.Plural || kind.ShortNames.Contains(name))
                return kind;
        }
        throw new UsageException(
            $"the server doesn't have a resource type \"{text}\"; known types: {string.Join(", ", All.Select(k => k.Plural))}");
    }

    /// <summary>The kind an API result names (stored kind name), or null if the CLI does not know it.</summary>
    public static KindInfo? FromStored(string kind) => All.FirstOrDefault(k => k.Kind == kind);
}
