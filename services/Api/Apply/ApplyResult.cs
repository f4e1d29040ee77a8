using CertMesh.Api.Manifests;

namespace CertMesh.Api.Apply;

/// <summary>One line of <c>certmesh apply</c> output: <c>certificate.cert-manager.io/web created</c>.</summary>
internal sealed record AppliedResource(string Kind, string? Namespace, string Name, string Action);

internal sealed record ApplyResult(IReadOnlyList<AppliedResource> Results, IReadOnlyList<ManifestError> Errors)
{
    /// <summary>Set when the manifest holds documents the caller may not apply (one line each): nothing was applied.</summary>
    public IReadOnlyList<ApplyRefusal>? Forbidden { get; init; }
}

/// <summary>A document the caller may not apply, and the sentence saying why (the 403's words).</summary>
internal sealed record ApplyRefusal(int DocumentIndex, string Kind, string Namespace, string Name, string Message);
