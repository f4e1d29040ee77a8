namespace CertMesh.Contracts;

/// <summary>Remove the Certificate, its requests and its Secret.</summary>
public sealed record DeleteCertificate
{
    public string Namespace { get; init; } = "default";
    public string Name { get; init; } = "";
}
