using CertMesh.Api.Apply;
using CertMesh.Api.Auth;
using CertMesh.Api.Limits;

namespace CertMesh.Api.Endpoints;

/// <summary><c>certmesh apply</c>: a multi-document manifest in, one result line per resource or every error out.
/// A manifest holding a Secret needs the API token (401 without it, 403 when the Api has none configured). A body over
/// <see cref="RequestBodyLimit.MaxRequestBodyBytes"/> is 413; a manifest over a <see cref="Manifests.YamlLimits"/> limit is 422,
/// like any other error in it; at most <see cref="Domain.Validation.FieldErrors.MaxReported"/> errors are listed.</summary>
internal static class ApplyEndpoints
{
    public static void MapApplyEndpoints(this WebApplication app)
    {
        app.MapPost("/api/apply", async (HttpRequest request, ApiToken token, ManifestApplier applier, CancellationToken cancellationToken) =>
        {
            if (await RequestBodyLimit.ReadTextAsync(request, cancellationToken) is not { } yaml)
                return RequestBodyLimit.TooLarge(request.ContentLength);
            var result = await applier.ApplyAsync(yaml, token.Check(request), cancellationToken);
            var errors = result.Errors.Select(e => new { documentIndex = e.DocumentIndex, kind = e.Kind, name = e.Name, field = e.Field, message = e.Message });
            if (result.DeniedSecretAccess is { } denied)
            {
                var message = SecretAccessDenial.Message(denied, "write Secrets");
                return Results.Json(new { message, results = Array.Empty<object>(), errors }, statusCode: SecretAccessDenial.StatusCode(denied));
            }
            var body = new
            {
                results = result.Results.Select(r => new { kind = r.Kind, @namespace = r.Namespace, name = r.Name, action = r.Action }),
                errors,
            };
            return result.Errors.Count > 0 ? Results.Json(body, statusCode: StatusCodes.Status422UnprocessableEntity) : Results.Json(body);
        });
    }
}
