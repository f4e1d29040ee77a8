using CertMesh.Contracts;

namespace CertMesh.Domain.Resources;

public sealed record Certificate
{
    public ObjectMeta Metadata { get; init; } = new();
    public CertificateSpec Spec { get; init; } = new();
    public CertificateStatus Status { get; init; } = new();
    /// <summary>The CSR supplied with <c>IssueCertificate.Csr</c>; when set no key is generated.</summary>
    public string? SuppliedCsr { get; init; }
}

public sealed record CertificateStatus
{
    public IReadOnlyList<Condition> Conditions { get; init; } = [];
    public DateTimeOffset? NotBefore { get; init; }
    public DateTimeOffset? NotAfter { get; init; }
    public DateTimeOffset? RenewalTime { get; init; }
    public int? Revision { get; init; }
    public string? NextPrivateKeySecretName { get; init; }
    public int? FailedIssuanceAttempts { get; init; }
    public DateTimeOffset? LastFailureTime { get; init; }
    /// <summary>The revision being issued right now, if any (one issuance per certificate at a time).</summary>
    public int? IssuingRevision { get; init; }
    public Guid? IssuingId { get; init; }
    /// <summary>Hash of the spec the current Secret was issued for (the "spec changed" check).</summary>
    public string? IssuedSpecHash { get; init; }
    /// <summary>Set while CertMesh waits for the owner of a CSR-mode certificate to send a CSR from a new key.</summary>
    public CsrRequestStatus? CsrRequest { get; init; }
}

/// <summary>
/// An outstanding <c>CertificateRenewalRequested</c>: why a new revision is due, how many times the owner was asked,
/// and when it is asked again (back-off). Cleared when the owner's new CSR starts the issuance.
/// </summary>
public sealed record CsrRequestStatus
{
    public string Reason { get; init; } = "";
    public string Message { get; init; } = "";
    public int Attempts { get; init; }
    public DateTimeOffset FirstRequestTime { get; init; }
    public DateTimeOffset LastRequestTime { get; init; }
    public DateTimeOffset NextRequestTime { get; init; }
}

public static class CertificateConditionTypes
{
    public const string Ready = "Ready";
    public const string Issuing = "Issuing";
}
