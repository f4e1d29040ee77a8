using CertMesh.Domain.Authorization;

namespace CertMesh.Issuing.Workflow;

/// <summary>Whether Issuing checks ClusterIssuer grants before signing (<c>CERTMESH_CLUSTERISSUER_USE</c>, as Trigger does at admission).</summary>
public sealed record IssuerUseOptions(ClusterIssuerUseMode Mode);
