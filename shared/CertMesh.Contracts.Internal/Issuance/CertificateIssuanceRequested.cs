namespace CertMesh.Contracts.Issuance;

/// <summary>
/// Trigger decided revision <c>Revision</c> must be issued. KeyManager answers with the key of the revision
/// (<see cref="PrivateKeyReady"/>), which starts the Issuing saga <c>IssuanceId</c>. With <c>HasCsr</c> the
/// requester keeps its key and none is generated. With rotationPolicy Never the key in
/// <c>CertificateSecretName</c> is reused when it still fits <c>PrivateKey</c>.
/// </summary>
public sealed record CertificateIssuanceRequested
{
    public Guid IssuanceId { get; init; }
    public Guid CertificateUid { get; init; }
    public string Namespace { get; init; } = "";
    public string Name { get; init; } = "";
    public int Revision { get; init; }
    public string Reason { get; init; } = "";
    public string Message { get; init; } = "";
    public bool HasCsr { get; init; }
    public string CertificateSecretName { get; init; } = "";
    public CertificatePrivateKey? PrivateKey { get; init; }
}
