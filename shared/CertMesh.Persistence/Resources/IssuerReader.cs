using CertMesh.Contracts;
using CertMesh.Domain.Resources;

namespace CertMesh.Persistence.Resources;

/// <summary>Resolves an <c>issuerRef</c> the way cert-manager does: a namespaced Issuer, or a ClusterIssuer.</summary>
public static class IssuerReader
{
    public static ResourceKey KeyOf(string certificateNamespace, IssuerReference issuerRef) =>
        issuerRef.Kind == ResourceKinds.ClusterIssuer
            ? new ResourceKey(ResourceKinds.ClusterIssuer, ResourceKinds.ClusterNamespace, issuerRef.Name)
            : new ResourceKey(ResourceKinds.Issuer, certificateNamespace, issuerRef.Name);

    /// <summary>null when the issuer does not exist or belongs to an external group CertMesh does not sign for here.</summary>
    public static async Task<Issuer?> FindAsync(this ResourceStore store, string certificateNamespace, IssuerReference issuerRef, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(issuerRef.Group) && issuerRef.Group != ResourceKinds.Group)
            return null;
        if (!string.IsNullOrEmpty(issuerRef.Kind) && issuerRef.Kind is not (ResourceKinds.Issuer or ResourceKinds.ClusterIssuer))
            return null;
        var stored = await store.GetAsync<Issuer>(KeyOf(certificateNamespace, issuerRef), cancellationToken);
        return stored?.Document;
    }
}
