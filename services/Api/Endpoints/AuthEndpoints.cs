using CertMesh.Api.Auth;
using CertMesh.Domain.Authorization;
using CertMesh.Domain.Validation;

namespace CertMesh.Api.Endpoints;

/// <summary><c>certmesh auth can-i</c> and <c>whoami</c>: the caller's own access, as <c>kubectl auth can-i</c> answers it.</summary>
internal static class AuthEndpoints
{
    public static void MapAuthEndpoints(this WebApplication app)
    {
        app.MapGet("/api/auth/can-i", (string? verb, string? kind, string? @namespace, string? name, HttpContext context) =>
        {
            if (string.IsNullOrEmpty(verb) || !Verbs.All.Contains(verb))
                return BadRequest($"verb: Unsupported value: {ValueExcerpt.Quote(verb)}: supported values: {string.Join(", ", Verbs.All)}");
            if (string.IsNullOrEmpty(kind) || !KnownKinds.Contains(kind))
                return BadRequest($"kind: Unsupported value: {ValueExcerpt.Quote(kind)}: supported values: {string.Join(", ", KnownKinds)}");
            var caller = context.Caller();
            if (verb == Verbs.Use)
                return UseClusterIssuer(caller, kind, @namespace, name);
            var scope = RolePermissions.IsClusterScoped(kind) || string.IsNullOrEmpty(@namespace) ? null : @namespace;
            var decision = caller.Can(verb, kind, scope);
            return Results.Json(new { allowed = decision.Allowed, principal = caller.Principal, reason = decision.Message });
        });

        app.MapGet("/api/auth/whoami", (HttpContext context) =>
        {
            var caller = context.Caller();
            var roles = caller.Access.RolesOf(caller.Principal).Select(r => new { role = r.Role, @namespace = r.Namespace ?? "*" });
            return Results.Json(new { principal = caller.Principal, token = caller.TokenId, roles });
        });
    }

    /// <summary>"may namespace N use ClusterIssuer X": a property of the namespace (ClusterIssuerGrant), not of the caller.</summary>
    static IResult UseClusterIssuer(ApiCaller caller, string kind, string? @namespace, string? name)
    {
        if (kind != Domain.Resources.ResourceKinds.ClusterIssuer)
            return BadRequest("use applies to ClusterIssuer only");
        if (string.IsNullOrEmpty(@namespace) || string.IsNullOrEmpty(name))
            return BadRequest("use needs a ClusterIssuer name and a namespace (certmesh auth can-i use clusterissuer/NAME -n NS)");
        // Another namespace's grants are that namespace's business: asked only by someone who may see it.
        if (caller.Can(Verbs.List, Domain.Resources.ResourceKinds.Certificate, @namespace) is { Allowed: false } hidden)
            return ApiRefusals.Forbidden(hidden);
        var allowed = caller.Access.MayUseClusterIssuer(@namespace, name);
        var reason = allowed ? $"a ClusterIssuerGrant lets namespace \"{@namespace}\" use ClusterIssuer \"{name}\"" : AccessSnapshot.ClusterIssuerRefusal(@namespace, name);
        return Results.Json(new { allowed, principal = caller.Principal, reason });
    }

    static readonly string[] KnownKinds =
    [
        .. ResourceReader.Kinds, RolePermissions.EventKind,
    ];

    static IResult BadRequest(string message) =>
        Results.Json(new { kind = "Status", status = "Failure", reason = "BadRequest", message, code = 400 }, statusCode: StatusCodes.Status400BadRequest);
}
