namespace CertMesh.Contracts.Issuance;

/// <summary>A person approved a CertificateRequest waiting for approval (<c>certmesh approve</c>, sent by the Api to the
/// Issuing saga of <see cref="IssuanceId"/>). Ignored unless that saga is still waiting.</summary>
public sealed record CertificateRequestApproved
{
    public Guid IssuanceId { get; init; }
    public string Namespace { get; init; } = "";
    public string RequestName { get; init; } = "";
    public string Reason { get; init; } = "";
    public string Message { get; init; } = "";
    /// <summary>Who approved: the Api principal's name.</summary>
    public string ApprovedBy { get; init; } = "";
}
