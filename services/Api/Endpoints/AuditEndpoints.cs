using CertMesh.Api.Auth;
using CertMesh.Domain.Authorization;
using CertMesh.Persistence.Audit;
using CertMesh.Persistence.Database;

namespace CertMesh.Api.Endpoints;

/// <summary><c>certmesh get events</c>: the audit log, newest first: every write and refusal, in one namespace (role
/// view there) or everywhere, cluster-scoped kinds included (cluster view or admin).</summary>
internal static class AuditEndpoints
{
    const int DefaultLimit = 500;
    const int MaxLimit = 5000;

    public static void MapAuditEndpoints(this WebApplication app)
    {
        app.MapGet("/api/events", async (string? @namespace, int? limit, HttpContext context, CertMeshDatabase database, CancellationToken cancellationToken) =>
        {
            var scope = string.IsNullOrEmpty(@namespace) ? null : @namespace;
            if (context.Refuse(Verbs.List, RolePermissions.EventKind, scope) is { } refused)
                return refused;
            var take = Math.Clamp(limit ?? DefaultLimit, 1, MaxLimit);
            var entries = await database.RunAsync(unit => AuditLog.ListAsync(unit, scope, take, cancellationToken), cancellationToken);
            return Results.Json(new
            {
                items = entries.Select(e => new
                {
                    time = e.At, actor = e.Actor, via = e.Via, verb = e.Verb, kind = e.Kind,
                    @namespace = e.Namespace, name = e.Name, outcome = e.Outcome, message = e.Message,
                }),
            });
        });
    }
}
