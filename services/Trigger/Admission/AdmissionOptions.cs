using CertMesh.Domain.Authorization;

namespace CertMesh.Trigger.Admission;

/// <summary>Admission settings: who may name a ClusterIssuer (<c>CERTMESH_CLUSTERISSUER_USE</c> = granted | any).</summary>
internal sealed record AdmissionOptions(ClusterIssuerUseMode ClusterIssuerUse)
{
    public static AdmissionOptions From(IConfiguration configuration) =>
        new(Domain.Authorization.ClusterIssuerUse.Parse(configuration[Domain.Authorization.ClusterIssuerUse.Setting]));
}
