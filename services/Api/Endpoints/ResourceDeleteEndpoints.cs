using CertMesh.Api.Auth;
using CertMesh.Domain.Authorization;
using CertMesh.Domain.Resources;
using CertMesh.Domain.Validation;
using CertMesh.Hosting.Authorization;
using CertMesh.Persistence.Audit;
using CertMesh.Persistence.Database;
using CertMesh.Persistence.Resources;

namespace CertMesh.Api.Endpoints;

/// <summary>
/// <c>certmesh delete</c> for the kinds the Api itself owns and nothing else reacts to: principals, bindings,
/// ClusterIssuer grants, approval policies and Namespaces (admin only). Removing a binding or grant is how access is
/// taken back; it holds on every replica within <see cref="AccessOptions.DefaultRefresh"/>. Certificates are deleted
/// through Trigger (<see cref="CertificateCommandEndpoints"/>).
/// </summary>
internal static class ResourceDeleteEndpoints
{
    static readonly HashSet<string> Deletable =
    [
        AuthKinds.Principal, AuthKinds.RoleBinding, AuthKinds.ClusterRoleBinding, AuthKinds.ClusterIssuerGrant,
        ResourceKinds.CertificateRequestPolicy, ResourceKinds.Namespace,
    ];

    public static void MapResourceDeleteEndpoints(this WebApplication app)
    {
        app.MapDelete("/api/resources/{kind}/{namespace}/{name}", async (string kind, string @namespace, string name, HttpContext context, CertMeshDatabase database, AccessCache access, CancellationToken cancellationToken) =>
        {
            if (!Deletable.Contains(kind))
                return Results.Json(new { kind = "Status", status = "Failure", reason = "MethodNotAllowed", code = 405,
                    message = $"{ValueExcerpt.Quote(kind)} cannot be deleted here; deletable kinds: {string.Join(", ", Deletable.Order())} (Certificates: DELETE /api/certificates/NS/NAME)" },
                    statusCode: StatusCodes.Status405MethodNotAllowed);
            var scope = RolePermissions.IsClusterScoped(kind) ? null : @namespace;
            if (context.Refuse(Verbs.Delete, kind, scope, name) is { } refused)
                return refused;
            var key = new ResourceKey(kind, scope ?? ResourceKinds.ClusterNamespace, name);
            var deleted = await database.RunAsync(async unit =>
            {
                var removed = await unit.Resources.DeleteAsync(key, cancellationToken);
                if (removed)
                    await unit.Events.DeleteAsync(key, cancellationToken);
                return removed;
            }, cancellationToken);
            if (!deleted)
                return ResourceEndpoints.NotFound(kind, name);
            access.Invalidate();
            context.Audit(Verbs.Delete, kind, key.Namespace, name, AuditOutcomes.Allowed, "deleted");
            return Results.Json(new { kind, @namespace = key.Namespace, name, deleted = true });
        });
    }
}
