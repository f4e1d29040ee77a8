namespace CertMesh.Api.Manifests;

/// <summary>One resource read from a manifest, at its 0-based position in the YAML stream.</summary>
public abstract record ManifestDocument(int DocumentIndex)
{
    public abstract string Kind { get; }
    public abstract string Namespace { get; }
    public abstract string Name { get; }
}
