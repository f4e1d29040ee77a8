using CertMesh.Domain.Resources;

namespace CertMesh.Domain.Approval;

/// <summary>
/// approver-policy's <c>CertificateRequestPolicy</c> (<c>policy.cert-manager.io/v1alpha1</c>, cluster-scoped): which
/// requests it speaks for (<see cref="PolicySelector"/>), what they may ask for (<see cref="PolicyAllowed"/>) and what
/// they must satisfy (<see cref="PolicyConstraints"/>). Stored under <see cref="ResourceKinds.ClusterNamespace"/>.
/// </summary>
public sealed record CertificateRequestPolicy
{
    public const string ApiVersion = "policy.cert-manager.io/v1alpha1";

    public ObjectMeta Metadata { get; init; } = new();
    public CertificateRequestPolicySpec Spec { get; init; } = new();
}

public sealed record CertificateRequestPolicySpec
{
    /// <summary>Omitted: the request must carry none of the attributes <see cref="PolicyAllowed"/> governs.</summary>
    public PolicyAllowed? Allowed { get; init; }
    /// <summary>Omitted: no constraint applies.</summary>
    public PolicyConstraints? Constraints { get; init; }
    public PolicySelector Selector { get; init; } = new();
}
