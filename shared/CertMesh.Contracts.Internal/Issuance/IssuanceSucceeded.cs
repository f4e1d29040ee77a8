namespace CertMesh.Contracts.Issuance;

/// <summary>
/// The Issuing saga stored revision <c>Revision</c> in Secret <c>SecretName</c>. Trigger, the Certificate's only writer,
/// records it in status and then announces <see cref="CertificateIssued"/>. <c>Generation</c> and <c>SpecHash</c> are
/// of the spec the certificate was checked against, so a spec changed meanwhile is seen as not yet issued.
/// </summary>
public sealed record IssuanceSucceeded
{
    public Guid IssuanceId { get; init; }
    public Guid CertificateUid { get; init; }
    public string Namespace { get; init; } = "";
    public string Name { get; init; } = "";
    public int Revision { get; init; }
    public long Generation { get; init; }
    public string SpecHash { get; init; } = "";
    public string SecretName { get; init; } = "";
    public string SerialNumber { get; init; } = "";
    public DateTimeOffset NotBefore { get; init; }
    public DateTimeOffset NotAfter { get; init; }
    public string CertificatePem { get; init; } = "";
    public string? CaPem { get; init; }
}
