using CertMesh.Api.Apply;

namespace CertMesh.Api.Endpoints;

internal static class ApplyEndpoints
{
    public static void MapApplyEndpoints(this WebApplication app)
    {
        app.MapPost("/api/apply", async (HttpRequest request, ManifestApplier applier, CancellationToken cancellationToken) =>
        {
            using var reader = new StreamReader(request.Body);
            var yaml = await reader.ReadToEndAsync(cancellationToken);
            var result = await applier.ApplyAsync(yaml, cancellationToken);
            var body = new
            {
                results = result.Results.Select(r => new { kind = r.Kind, @namespace = r.Namespace, name = r.Name, action = r.Action }),
                errors = result.Errors.Select(e => new { documentIndex = e.DocumentIndex, kind = e.Kind, name = e.Name, field = e.Field, message = e.Message }),
            };
            return result.Errors.Count > 0 ? Results.Json(body, statusCode: StatusCodes.Status422UnprocessableEntity) : Results.Json(body);
        });
    }
}
