namespace CertMesh.Edge.Certificates;

/// <summary>
/// The route <c>Metadata</c> keys the Edge reads, named after cert-manager's ingress-shim annotations
/// (<c>cert-manager.io/cluster-issuer</c>, <c>…/issuer</c>, <c>…/common-name</c>, …) with CertMesh's prefix, so an
/// Ingress user recognises them. A route naming an issuer gets a Certificate for its <c>Match.Hosts</c>.
/// </summary>
internal static class RouteAnnotations
{
    public const string Prefix = "certmesh.io/";
    public const string ClusterIssuer = Prefix + "cluster-issuer";
    public const string Issuer = Prefix + "issuer";
    public const string IssuerKind = Prefix + "issuer-kind";
    public const string IssuerGroup = Prefix + "issuer-group";
    public const string CommonName = Prefix + "common-name";
    public const string Duration = Prefix + "duration";
    public const string RenewBefore = Prefix + "renew-before";
    public const string PrivateKeyAlgorithm = Prefix + "private-key-algorithm";
    public const string PrivateKeySize = Prefix + "private-key-size";
    public const string PrivateKeyRotationPolicy = Prefix + "private-key-rotation-policy";
    public const string HttpsRedirect = Prefix + "https-redirect";

    /// <summary>On the Certificates the Edge creates: which route they belong to (the label marks ownership; the
    /// annotation keeps the exact route id, which a label value may not be able to hold).</summary>
    public const string OwnerLabel = Prefix + "edge-route";
    public const string RouteIdAnnotation = Prefix + "edge-route-id";

    /// <summary>Keys that only mean something beside an issuer.</summary>
    public static readonly IReadOnlyList<string> CertificateSettings =
        [IssuerKind, IssuerGroup, CommonName, Duration, RenewBefore, PrivateKeyAlgorithm, PrivateKeySize, PrivateKeyRotationPolicy];

    public static readonly IReadOnlySet<string> Known = new HashSet<string>(
        [ClusterIssuer, Issuer, HttpsRedirect, .. CertificateSettings], StringComparer.Ordinal);

    /// <summary>Whether the route asks for HTTP→HTTPS redirects; only a literal true/false is accepted at reload.</summary>
    public static bool WantsHttpsRedirect(IReadOnlyDictionary<string, string>? metadata) =>
        metadata is not null && metadata.TryGetValue(HttpsRedirect, out var value) && bool.TryParse(value, out var on) && on;
}
