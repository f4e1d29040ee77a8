namespace CertMesh.Contracts;

/// <summary>The Certificate was stored; <c>IssuanceStarted</c> says whether a new revision is on its way.</summary>
public sealed record IssueCertificateAccepted
{
    public string Namespace { get; init; } = "";
    public string Name { get; init; } = "";
    public Guid Uid { get; init; }
    public long Generation { get; init; }
    public bool IssuanceStarted { get; init; }
}
