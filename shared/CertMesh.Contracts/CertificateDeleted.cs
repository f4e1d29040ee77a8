namespace CertMesh.Contracts;

/// <summary>The Certificate is gone; its requests and Secret are removed after it.</summary>
public sealed record CertificateDeleted
{
    public string Namespace { get; init; } = "";
    public string Name { get; init; } = "";
    public Guid Uid { get; init; }
    public string SecretName { get; init; } = "";
    /// <summary>The newest revision issued or being issued; requests are named after revisions.</summary>
    public int LastRevision { get; init; }
}
