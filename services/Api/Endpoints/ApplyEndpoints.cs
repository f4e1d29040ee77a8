using CertMesh.Api.Apply;
using CertMesh.Api.Auth;
using CertMesh.Api.Limits;
using CertMesh.Domain.Authorization;
using CertMesh.Persistence.Audit;

namespace CertMesh.Api.Endpoints;

/// <summary><c>certmesh apply</c>: a multi-document manifest in, one result line per resource or every error out.
/// A body over <see cref="RequestBodyLimit.MaxRequestBodyBytes"/> is 413; a manifest over a <see cref="Manifests.YamlLimits"/>
/// limit is 422, like any other error in it; a document the caller may not apply makes it 403 and nothing is applied.
/// At most <see cref="Domain.Validation.FieldErrors.MaxReported"/> errors are listed. Every outcome of a write is audited.</summary>
internal static class ApplyEndpoints
{
    public static void MapApplyEndpoints(this WebApplication app)
    {
        app.MapPost("/api/apply", async (HttpContext context, ManifestApplier applier, CancellationToken cancellationToken) =>
        {
            if (await RequestBodyLimit.ReadTextAsync(context.Request, cancellationToken) is not { } yaml)
                return RequestBodyLimit.TooLarge(context.Request.ContentLength);
            var result = await applier.ApplyAsync(yaml, context.Caller(), cancellationToken);
            if (result.Forbidden is { } forbidden)
            {
                foreach (var refusal in forbidden)
                    context.Audit(Verbs.Apply, refusal.Kind, refusal.Namespace, refusal.Name, AuditOutcomes.Forbidden, refusal.Message);
                var message = $"forbidden: {string.Join("; ", forbidden.Select(f => f.Message).Distinct())}; nothing in this manifest was applied";
                // Listed like any error: at most MaxReported lines and a count of the rest.
                var capped = new Manifests.ManifestErrorList();
                capped.AddRange(forbidden.Select(f => new Manifests.ManifestError(f.DocumentIndex, f.Kind, f.Name, "", $"forbidden: {f.Message}")));
                var errors = Lines(capped.ToList());
                return Results.Json(new { kind = "Status", status = "Failure", reason = "Forbidden", message, code = 403, results = Array.Empty<object>(), errors },
                    statusCode: StatusCodes.Status403Forbidden);
            }
            foreach (var applied in result.Results)
                context.Audit(Verbs.Apply, applied.Kind, applied.Namespace ?? "", applied.Name, AuditOutcomes.Allowed, applied.Action);
            var body = new
            {
                results = result.Results.Select(r => new { kind = r.Kind, @namespace = r.Namespace, name = r.Name, action = r.Action }),
                errors = Lines(result.Errors),
            };
            return result.Errors.Count > 0 ? Results.Json(body, statusCode: StatusCodes.Status422UnprocessableEntity) : Results.Json(body);
        });
    }

    static IEnumerable<object> Lines(IEnumerable<Manifests.ManifestError> errors) =>
        errors.Select(e => new { documentIndex = e.DocumentIndex, kind = e.Kind, name = e.Name, field = e.Field, message = e.Message });
}
