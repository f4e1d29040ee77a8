namespace CertMesh.Contracts;

/// <summary>Labels and annotations copied onto the certificate's Secret.</summary>
public sealed record SecretTemplate
{
    public IReadOnlyDictionary<string, string>? Annotations { get; init; }
    public IReadOnlyDictionary<string, string>? Labels { get; init; }
}
