using CertMesh.WebhookSolver.Configuration;
using CertMesh.WebhookSolver.Payload;
using CertMesh.WebhookSolver.Solving;

namespace CertMesh.WebhookSolver.Endpoints;

/// <summary>
/// POST /apis/{group}/v1alpha1/{solver}: where cert-manager (or CertMesh's DnsWebhook) sends a ChallengePayload.
/// A body that is not a usable request is an HTTP 400; a request this solver cannot carry out is a 200 whose
/// response says success=false, which is how cert-manager expects a webhook to report it.
/// </summary>
internal static class SolverEndpoints
{
    public static void MapSolverEndpoints(this WebApplication app)
    {
        app.MapPost("/apis/{group}/{version}/{solver}", async (
            string group, string version, string solver, HttpRequest request,
            SolverOptions options, TxtSolver txtSolver, ILogger<TxtSolver> logger, CancellationToken cancellationToken) =>
        {
            if (!options.Serves(group, version, solver))
                return Status(DiscoveryEndpoints.NotServed(options, $"{group}/{version}/{solver}"));

            var (payload, error) = await PayloadReader.ReadAsync(request.Body, cancellationToken);
            IReadOnlyList<string> errors = error is null ? [] : [error];
            var challenge = payload is null ? null : PayloadValidator.Validate(payload, out errors);
            if (challenge is null)
            {
                logger.Rejected(string.Join("; ", errors));
                return Status(KubernetesStatus.BadRequest(string.Join("; ", errors)));
            }

            var response = await txtSolver.SolveAsync(challenge, cancellationToken);
            return Results.Json(ChallengePayload.Answer(response), PayloadJson.Options);
        });
    }

    public static IResult Status(KubernetesStatus status) => Results.Json(status, PayloadJson.Options, statusCode: status.Code);
}
