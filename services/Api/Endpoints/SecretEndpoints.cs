using CertMesh.Api.Auth;
using CertMesh.Domain.Authorization;
using CertMesh.Domain.Resources;
using CertMesh.Persistence.Database;

namespace CertMesh.Api.Endpoints;

/// <summary>Secret material, only for a caller holding the <c>secrets</c> role in that namespace (or admin).</summary>
internal static class SecretEndpoints
{
    public static void MapSecretEndpoints(this WebApplication app)
    {
        app.MapGet("/api/secrets/{namespace}/{name}", async (string @namespace, string name, HttpContext context, CertMeshDatabase database, CancellationToken cancellationToken) =>
        {
            if (context.Refuse(Verbs.Get, ResourceKinds.Secret, @namespace, name) is { } refused)
                return refused;
            var secret = await database.RunAsync(unit => unit.Secrets.GetAsync(@namespace, name, cancellationToken), cancellationToken);
            if (secret is null)
                return ResourceEndpoints.NotFound(ResourceKinds.Secret, name);
            return Results.Json(new
            {
                @namespace,
                name,
                type = secret.Document.Type,
                data = secret.Document.Data.ToDictionary(kv => kv.Key, kv => Convert.ToBase64String(kv.Value)),
            });
        });
    }
}
