namespace CertMesh.Contracts;

/// <summary>
/// A Certificate whose requester keeps its private key (issued from a <c>Csr</c>) is due for a new revision, and its
/// <c>spec.privateKey.rotationPolicy</c> is <c>Always</c>: CertMesh will not re-sign the old key, so it asks the owner
/// for a CSR from a new key. The owner answers with <see cref="IssueCertificate"/> for the same Namespace/Name and
/// spec, whose <c>Csr</c> holds the new key; only then is revision <c>Revision</c> issued. Until an answer arrives the
/// request is published again with back-off (<c>Attempt</c> counts them; <c>NextRequestAt</c> is when the next one
/// goes out), and <c>certmesh status certificate</c> shows that the certificate waits for its owner.
/// </summary>
public sealed record CertificateRenewalRequested
{
    public string Namespace { get; init; } = "";
    public string Name { get; init; } = "";
    public Guid Uid { get; init; }
    /// <summary>The revision an answered CSR will become.</summary>
    public int Revision { get; init; }
    /// <summary>Why a new revision is due, as in the Certificate's <c>Issuing</c> condition (e.g. <c>Renewing</c>, <c>Expired</c>, <c>ManuallyTriggered</c>).</summary>
    public string Reason { get; init; } = "";
    public string Message { get; init; } = "";
    public int Attempt { get; init; }
    public DateTimeOffset RequestedAt { get; init; }
    public DateTimeOffset NextRequestAt { get; init; }
}
