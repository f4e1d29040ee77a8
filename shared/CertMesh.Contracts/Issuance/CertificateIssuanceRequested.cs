namespace CertMesh.Contracts.Issuance;

/// <summary>Trigger decided revision <c>Revision</c> must be issued; starts the Issuing saga <c>IssuanceId</c>.</summary>
public sealed record CertificateIssuanceRequested
{
    public Guid IssuanceId { get; init; }
    public Guid CertificateUid { get; init; }
    public string Namespace { get; init; } = "";
    public string Name { get; init; } = "";
    public int Revision { get; init; }
    public string Reason { get; init; } = "";
    public string Message { get; init; } = "";
}
