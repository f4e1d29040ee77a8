using CertMesh.Contracts;
using CertMesh.Domain.Resources;
using CertMesh.Domain.Validation;

namespace CertMesh.Domain.Authorization;

/// <summary>Whether a ClusterIssuer may only be named from namespaces a <see cref="ClusterIssuerGrant"/> covers
/// (<c>granted</c>, the default) or from any namespace (<c>any</c>, cert-manager's own behaviour).</summary>
public enum ClusterIssuerUseMode
{
    Granted,
    Any,
}

/// <summary>The <c>use</c> check on a Certificate's issuerRef, the same whoever applies it.</summary>
public static class ClusterIssuerUse
{
    public const string Setting = "CERTMESH_CLUSTERISSUER_USE";

    public static ClusterIssuerUseMode Parse(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "granted" => ClusterIssuerUseMode.Granted,
        "any" => ClusterIssuerUseMode.Any,
        _ => throw new InvalidOperationException($"{Setting}: Unsupported value: {ValueExcerpt.Quote(value)}: supported values: \"granted\", \"any\""),
    };

    /// <returns>the Forbidden error on <c>spec.issuerRef.name</c>, or null when the reference may be used.</returns>
    public static FieldError? Check(ClusterIssuerUseMode mode, AccessSnapshot snapshot, string @namespace, IssuerReference issuerRef)
    {
        if (mode == ClusterIssuerUseMode.Any || issuerRef.Kind != ResourceKinds.ClusterIssuer || string.IsNullOrEmpty(issuerRef.Name))
            return null;
        return snapshot.MayUseClusterIssuer(@namespace, issuerRef.Name)
            ? null
            : FieldErrors.Forbidden("spec.issuerRef.name", AccessSnapshot.ClusterIssuerRefusal(@namespace, issuerRef.Name));
    }
}
