using System.Text.Json.Nodes;
using CertMesh.Api.Auth;
using CertMesh.Api.Manifests;
using CertMesh.Domain.Authorization;
using CertMesh.Domain.Resources;
using CertMesh.Domain.Validation;
using CertMesh.Persistence.Database;

namespace CertMesh.Api.Endpoints;

/// <summary><c>certmesh get</c>: one resource or a List, as JSON or YAML.</summary>
internal static class ResourceEndpoints
{
    public static void MapResourceEndpoints(this WebApplication app)
    {
        app.MapGet("/api/resources/{kind}", async (string kind, string? @namespace, string? output, HttpContext context, CertMeshDatabase database, ResourceReader reader, CancellationToken cancellationToken) =>
        {
            if (!ResourceReader.Kinds.Contains(kind))
                return UnknownKind(kind);
            if (RolePermissions.IsClusterScoped(kind))
                @namespace = null;
            if (context.Refuse(Verbs.List, kind, string.IsNullOrEmpty(@namespace) ? null : @namespace) is { } refused)
                return refused;
            var items = await database.RunAsync(unit => reader.ListAsync(unit, kind, @namespace, cancellationToken), cancellationToken);
            return Render(ResourcePrinter.List(items), output);
        });

        app.MapGet("/api/resources/{kind}/{namespace}/{name}", async (string kind, string @namespace, string name, string? output, HttpContext context, CertMeshDatabase database, ResourceReader reader, CancellationToken cancellationToken) =>
        {
            if (!ResourceReader.Kinds.Contains(kind))
                return UnknownKind(kind);
            // Reading a Secret here shows its metadata only (a list-level read); its data is SecretEndpoints' job.
            var verb = kind == ResourceKinds.Secret ? Verbs.List : Verbs.Get;
            if (context.Refuse(verb, kind, RolePermissions.IsClusterScoped(kind) ? null : @namespace, name) is { } refused)
                return refused;
            var item = await database.RunAsync(unit => reader.GetAsync(unit, kind, @namespace == "_" ? "" : @namespace, name, cancellationToken), cancellationToken);
            return item is null ? NotFound(kind, name) : Render(item, output);
        });
    }

    public static IResult Render(JsonNode node, string? output) => output == "yaml"
        ? Results.Text(ResourcePrinter.ToYaml(node), "application/yaml")
        : Results.Text(ResourcePrinter.ToJsonText(node), "application/json");

    public static IResult NotFound(string kind, string name) => Results.Json(
        new { kind = "Status", status = "Failure", reason = "NotFound", message = $"{Plural(kind)} {ValueExcerpt.Quote(name)} not found" },
        statusCode: StatusCodes.Status404NotFound);

    // kubectl's wording: certificates.cert-manager.io "web" not found
    static string Plural(string kind) => kind switch
    {
        "Secret" => "secrets",
        "Namespace" => "namespaces",
        AuthKinds.Principal or AuthKinds.RoleBinding or AuthKinds.ClusterRoleBinding or AuthKinds.ClusterIssuerGrant => kind.ToLowerInvariant() + "s." + AuthKinds.Group,
        ResourceKinds.CertificateRequestPolicy => "certificaterequestpolicies.policy.cert-manager.io",
        _ => kind.ToLowerInvariant() + "s.cert-manager.io",
    };

    static IResult UnknownKind(string kind) => Results.Json(
        new { kind = "Status", status = "Failure", reason = "BadRequest", message = $"the server doesn't have a resource type {ValueExcerpt.Quote(kind)}; known kinds: {string.Join(", ", ResourceReader.Kinds)}" },
        statusCode: StatusCodes.Status400BadRequest);
}
