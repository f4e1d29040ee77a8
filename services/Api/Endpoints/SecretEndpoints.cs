using CertMesh.Api.Auth;
using CertMesh.Domain.Resources;
using CertMesh.Persistence.Database;

namespace CertMesh.Api.Endpoints;

/// <summary>Secret material, only for a caller holding the configured bearer token.</summary>
internal static class SecretEndpoints
{
    public static void MapSecretEndpoints(this WebApplication app)
    {
        app.MapGet("/api/secrets/{namespace}/{name}", async (string @namespace, string name, HttpRequest request, ApiToken token, CertMeshDatabase database, CancellationToken cancellationToken) =>
        {
            if (token.Check(request) is not SecretAccess.Granted and var denied)
                return SecretAccessDenial.Result(denied, "read secret data");
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
