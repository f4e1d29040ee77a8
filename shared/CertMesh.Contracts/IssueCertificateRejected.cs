namespace CertMesh.Contracts;

/// <summary>The command was invalid; nothing was stored or changed. Every problem found is listed.</summary>
public sealed record IssueCertificateRejected
{
    public string Namespace { get; init; } = "";
    public string Name { get; init; } = "";
    public IReadOnlyList<FieldError> Errors { get; init; } = [];
}
