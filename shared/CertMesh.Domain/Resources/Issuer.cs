using System.Text.Json;

namespace CertMesh.Domain.Resources;

/// <summary>An Issuer or ClusterIssuer (<c>Kind</c>); exactly one of the issuer types in the spec is set.</summary>
public sealed record Issuer
{
    public string Kind { get; init; } = ResourceKinds.Issuer;
    public ObjectMeta Metadata { get; init; } = new();
    public IssuerSpec Spec { get; init; } = new();
    public IssuerStatus Status { get; init; } = new();
}

public sealed record IssuerSpec
{
    public SelfSignedIssuer? SelfSigned { get; init; }
    public CaIssuer? Ca { get; init; }
    /// <summary>Kept verbatim until the ACME issuer lands; an Issuer using it is not Ready yet.</summary>
    public JsonElement? Acme { get; init; }
    public JsonElement? Vault { get; init; }
}

public sealed record SelfSignedIssuer
{
    public IReadOnlyList<string>? CrlDistributionPoints { get; init; }
}

public sealed record CaIssuer
{
    /// <summary>Secret holding <c>tls.crt</c> and <c>tls.key</c> of the signing CA, in the issuer's namespace
    /// (for a ClusterIssuer: the cluster resource namespace, <c>cert-manager</c> by default).</summary>
    public string SecretName { get; init; } = "";
    public IReadOnlyList<string>? CrlDistributionPoints { get; init; }
    public IReadOnlyList<string>? OcspServers { get; init; }
}

public sealed record IssuerStatus
{
    public IReadOnlyList<Condition> Conditions { get; init; } = [];
    /// <summary>The registered ACME account (cert-manager's <c>status.acme</c>); written by AcmeOrder.</summary>
    public AcmeIssuerStatus? Acme { get; init; }
}

public sealed record AcmeIssuerStatus
{
    /// <summary>The account URL at the CA (the JWS <c>kid</c>).</summary>
    public string? Uri { get; init; }
    public string? LastRegisteredEmail { get; init; }
    /// <summary>SHA-256 of the account key's public part: a changed key Secret means a new registration.</summary>
    public string? LastPrivateKeyHash { get; init; }
}
