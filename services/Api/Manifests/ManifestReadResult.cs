namespace CertMesh.Api.Manifests;

/// <summary>What a manifest holds. When <c>Errors</c> is not empty nothing should be applied.</summary>
public sealed record ManifestReadResult(IReadOnlyList<ManifestDocument> Documents, IReadOnlyList<ManifestError> Errors)
{
    public bool IsValid => Errors.Count == 0;
}
