namespace CertMesh.Contracts.Issuance;

/// <summary>
/// Trigger decided revision <c>Revision</c> must be issued. Starts the Issuing saga <c>IssuanceId</c>, which owns the
/// revision from here to its outcome: it asks KeyManager for a key (<see cref="GeneratePrivateKey"/>) unless the
/// requester supplied a CSR (<c>HasCsr</c>) and keeps its key.
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
