using CertMesh.Domain.Resources;

namespace CertMesh.Domain.Authorization;

/// <summary>What each role allows, as a table: view reads, edit changes Certificates and Issuers and approves requests,
/// secrets reads and writes key material, admin does everything. Cluster-scoped kinds belong to admin, except that any
/// known principal may read ClusterIssuers (a namespace's users need to know which exist).</summary>
public static class RolePermissions
{
    public const string EventKind = "Event";

    static readonly string[] Readable =
        [ResourceKinds.Certificate, ResourceKinds.CertificateRequest, ResourceKinds.Issuer, ResourceKinds.Order, ResourceKinds.Challenge, EventKind];

    static readonly HashSet<(string Verb, string Kind)> ViewRules =
        [.. Readable.SelectMany(kind => new[] { (Verbs.Get, kind), (Verbs.List, kind) }), (Verbs.List, ResourceKinds.Secret)];

    static readonly HashSet<(string Verb, string Kind)> EditRules =
    [
        .. ViewRules,
        (Verbs.Apply, ResourceKinds.Certificate), (Verbs.Renew, ResourceKinds.Certificate), (Verbs.Delete, ResourceKinds.Certificate),
        (Verbs.Apply, ResourceKinds.Issuer), (Verbs.Delete, ResourceKinds.Issuer),
        (Verbs.Approve, ResourceKinds.CertificateRequest),
    ];

    static readonly HashSet<(string Verb, string Kind)> SecretRules =
        [(Verbs.Get, ResourceKinds.Secret), (Verbs.List, ResourceKinds.Secret), (Verbs.Apply, ResourceKinds.Secret)];

    static readonly HashSet<string> ClusterScoped =
    [
        ResourceKinds.ClusterIssuer, ResourceKinds.CertificateRequestPolicy, ResourceKinds.Namespace,
        AuthKinds.Principal, AuthKinds.ClusterRoleBinding, AuthKinds.ClusterIssuerGrant,
    ];

    public static bool IsClusterScoped(string kind) => ClusterScoped.Contains(kind);

    /// <summary>Whether <paramref name="role"/>, held where the request is made, allows it.</summary>
    public static bool Allows(string role, AccessRequest request) => role switch
    {
        Roles.Admin => true,
        _ when IsClusterScoped(request.Kind) || request.Kind == AuthKinds.RoleBinding => false,
        Roles.View => ViewRules.Contains((request.Verb, request.Kind)),
        Roles.Edit => EditRules.Contains((request.Verb, request.Kind)),
        Roles.Secrets => SecretRules.Contains((request.Verb, request.Kind)),
        _ => false,
    };

    /// <summary>Reads any authenticated principal may make, whatever its bindings.</summary>
    public static bool AllowedToEveryone(AccessRequest request) =>
        request.Kind == ResourceKinds.ClusterIssuer && request.Verb is Verbs.Get or Verbs.List;

    /// <summary>The least role that allows the request, for the 403's hint; null when none but admin does.</summary>
    public static string? LeastRoleFor(AccessRequest request) =>
        Roles.Namespaced.FirstOrDefault(role => Allows(role, request));
}
