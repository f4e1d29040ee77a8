namespace CertMesh.Contracts.Issuance;

/// <summary>
/// The Issuing saga ended revision <c>Revision</c> without a certificate. Trigger records the failure in status, applies
/// the back-off and announces <see cref="CertificateIssuanceFailed"/>.
/// </summary>
public sealed record IssuanceFailed
{
    public Guid IssuanceId { get; init; }
    public Guid CertificateUid { get; init; }
    public string Namespace { get; init; } = "";
    public string Name { get; init; } = "";
    public int Revision { get; init; }
    public long Generation { get; init; }
    public string Reason { get; init; } = "";
    public string Message { get; init; } = "";
}
