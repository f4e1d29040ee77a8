namespace CertMesh.Domain.Resources;

/// <summary>Kind names as stored and as typed on the command line (singular, plural and short forms map here).</summary>
public static class ResourceKinds
{
    public const string Certificate = "Certificate";
    public const string CertificateRequest = "CertificateRequest";
    public const string Issuer = "Issuer";
    public const string ClusterIssuer = "ClusterIssuer";
    public const string Secret = "Secret";
    public const string Order = "Order";
    public const string Challenge = "Challenge";
    public const string Namespace = "Namespace";
    /// <summary>approver-policy's policy (<c>policy.cert-manager.io/v1alpha1</c>); cluster-scoped, stored under <see cref="ClusterNamespace"/>.</summary>
    public const string CertificateRequestPolicy = "CertificateRequestPolicy";

    /// <summary>ClusterIssuers and CertificateRequestPolicies are global; they are stored under this namespace.</summary>
    public const string ClusterNamespace = "";

    public const string Group = "cert-manager.io";
    public const string ApiVersion = "cert-manager.io/v1";
}
