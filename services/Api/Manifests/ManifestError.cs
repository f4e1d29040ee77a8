namespace CertMesh.Api.Manifests;

/// <summary>
/// One problem in a manifest: which document (0-based position in the stream, empty documents
/// included), which resource if known, which field (path as kubectl names it, e.g.
/// <c>spec.privateKey.size</c>; empty for the whole document) and why.
/// </summary>
public sealed record ManifestError(int DocumentIndex, string? Kind, string? Name, string Field, string Message);
