namespace CertMesh.Contracts.Issuance;

/// <summary>A person denied a CertificateRequest waiting for approval (<c>certmesh deny</c>); the revision fails with
/// reason <c>Denied</c>. Ignored unless the saga of <see cref="IssuanceId"/> is still waiting.</summary>
public sealed record CertificateRequestDenied
{
    public Guid IssuanceId { get; init; }
    public string Namespace { get; init; } = "";
    public string RequestName { get; init; } = "";
    public string Reason { get; init; } = "";
    public string Message { get; init; } = "";
    /// <summary>Who denied: the Api principal's name.</summary>
    public string DeniedBy { get; init; } = "";
}
