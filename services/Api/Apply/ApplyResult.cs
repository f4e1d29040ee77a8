using CertMesh.Api.Auth;
using CertMesh.Api.Manifests;

namespace CertMesh.Api.Apply;

/// <summary>One line of <c>certmesh apply</c> output: <c>certificate.cert-manager.io/web created</c>.</summary>
internal sealed record AppliedResource(string Kind, string? Namespace, string Name, string Action);

internal sealed record ApplyResult(IReadOnlyList<AppliedResource> Results, IReadOnlyList<ManifestError> Errors)
{
    /// <summary>Set when the manifest holds a Secret the caller may not write: nothing was applied.</summary>
    public SecretAccess? DeniedSecretAccess { get; init; }
}
