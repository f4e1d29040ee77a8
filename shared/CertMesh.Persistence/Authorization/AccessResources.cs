using CertMesh.Domain.Authorization;
using CertMesh.Domain.Resources;
using CertMesh.Persistence.Database;

namespace CertMesh.Persistence.Authorization;

/// <summary>Reads every principal, binding and ClusterIssuer grant into one <see cref="AccessSnapshot"/>.</summary>
public static class AccessResources
{
    public static async Task<AccessSnapshot> ReadAsync(UnitOfWork unit, IReadOnlyList<BuiltInPrincipal> builtIns, CancellationToken cancellationToken)
    {
        var principals = await unit.Resources.ListAsync<Principal>(AuthKinds.Principal, ResourceKinds.ClusterNamespace, cancellationToken);
        var bindings = await unit.Resources.ListAsync<RoleBinding>(AuthKinds.RoleBinding, null, cancellationToken);
        var clusterBindings = await unit.Resources.ListAsync<RoleBinding>(AuthKinds.ClusterRoleBinding, ResourceKinds.ClusterNamespace, cancellationToken);
        var grants = await unit.Resources.ListAsync<ClusterIssuerGrant>(AuthKinds.ClusterIssuerGrant, ResourceKinds.ClusterNamespace, cancellationToken);
        return AccessSnapshot.Build(
            principals.Select(p => p.Document),
            bindings.Concat(clusterBindings).Select(b => b.Document),
            grants.Select(g => g.Document),
            builtIns);
    }
}
