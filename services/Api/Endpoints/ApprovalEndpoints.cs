using System.Text.RegularExpressions;
using CertMesh.Api.Auth;
using CertMesh.Contracts.Issuance;
using CertMesh.Domain.Authorization;
using CertMesh.Persistence.Audit;
using CertMesh.Domain.Resources;
using CertMesh.Domain.Validation;
using CertMesh.Persistence.Database;
using CertMesh.Persistence.Resources;

namespace CertMesh.Api.Endpoints;

/// <summary>
/// <c>certmesh approve</c> and <c>certmesh deny</c> (cmctl's verbs): a person decides a CertificateRequest that waits
/// for approval. The request is found (404), must not be decided already (409), and the decision goes to the Issuing
/// saga named by the request's <c>certmesh.io/issuance-id</c> annotation through the outbox, so it is sent exactly when
/// this call commits. The saga sets the conditions; the answer is 202.
/// </summary>
internal static partial class ApprovalEndpoints
{
    /// <summary>Written by Issuing on every CertificateRequest it creates (<c>CertificateRequests.IssuanceIdAnnotation</c>).</summary>
    public const string IssuanceIdAnnotation = "certmesh.io/issuance-id";
    public const string DefaultApproveReason = "CertMeshCli";
    public const string DefaultApproveMessage = "manually approved by certmesh";
    public const string DefaultDenyMessage = "manually denied by certmesh";
    const int MaxReasonLength = 128;
    const int MaxMessageLength = 1024;

    /// <summary>The body of both calls; <c>reason</c> is a condition reason (CamelCase word), required to deny.</summary>
    internal sealed record ApprovalBody(string? Reason, string? Message);

    public static void MapApprovalEndpoints(this WebApplication app)
    {
        app.MapPost("/api/certificaterequests/{namespace}/{name}/approve", (string @namespace, string name, ApprovalBody? body, HttpContext context, CertMeshDatabase database, CancellationToken cancellationToken) =>
            DecideAsync(context, database, @namespace, name, body?.Reason ?? DefaultApproveReason, body?.Message ?? DefaultApproveMessage, approve: true, cancellationToken));

        app.MapPost("/api/certificaterequests/{namespace}/{name}/deny", (string @namespace, string name, ApprovalBody? body, HttpContext context, CertMeshDatabase database, CancellationToken cancellationToken) =>
            DecideAsync(context, database, @namespace, name, body?.Reason, body?.Message ?? DefaultDenyMessage, approve: false, cancellationToken));
    }

    static async Task<IResult> DecideAsync(HttpContext context, CertMeshDatabase database, string @namespace, string name, string? reason, string message, bool approve, CancellationToken cancellationToken)
    {
        // Approving and denying are one permission (edit), as cert-manager's "approve" verb on signers covers both.
        if (context.Refuse(Verbs.Approve, ResourceKinds.CertificateRequest, @namespace, name) is { } refused)
            return refused;
        if (Invalid(reason, message) is { } invalid)
            return invalid;
        await using var unit = await database.BeginAsync(cancellationToken);
        var key = new ResourceKey(ResourceKinds.CertificateRequest, @namespace, name);
        var request = (await unit.Resources.GetAsync<CertificateRequest>(key, cancellationToken))?.Document;
        if (request is null)
            return ResourceEndpoints.NotFound(ResourceKinds.CertificateRequest, name);
        if (Decided(request) is { } decided)
            return Conflict($"CertificateRequest {ValueExcerpt.Quote(name)} is already {decided}");
        if (request.Metadata.Annotations?.GetValueOrDefault(IssuanceIdAnnotation) is not { } text || !Guid.TryParse(text, out var issuanceId))
            return Conflict($"CertificateRequest {ValueExcerpt.Quote(name)} has no {IssuanceIdAnnotation} annotation: no issuance waits on it");

        var principal = context.Caller().Actor;
        if (approve)
        {
            await unit.Outbox.PublishAsync(new CertificateRequestApproved
            {
                IssuanceId = issuanceId, Namespace = @namespace, RequestName = name, Reason = reason!, Message = message, ApprovedBy = principal,
            }, cancellationToken);
        }
        else
        {
            await unit.Outbox.PublishAsync(new CertificateRequestDenied
            {
                IssuanceId = issuanceId, Namespace = @namespace, RequestName = name, Reason = reason!, Message = message, DeniedBy = principal,
            }, cancellationToken);
        }
        await unit.CommitAsync(cancellationToken);
        context.Audit(approve ? "approve" : "deny", ResourceKinds.CertificateRequest, @namespace, name, AuditOutcomes.Allowed, $"{reason}: {message}");
        return Results.Json(new { @namespace, name, decision = approve ? "approve" : "deny", reason, message }, statusCode: StatusCodes.Status202Accepted);
    }

    static string? Decided(CertificateRequest request) =>
        Conditions.IsTrue(request.Status.Conditions, CertificateRequestConditionTypes.Approved) ? "Approved"
        : Conditions.IsTrue(request.Status.Conditions, CertificateRequestConditionTypes.Denied) ? "Denied"
        : null;

    /// <summary>A reason as Kubernetes condition reasons are (it becomes one), and both bounded in size.</summary>
    static IResult? Invalid(string? reason, string message)
    {
        if (string.IsNullOrEmpty(reason))
            return Unprocessable("reason", "Required value: a reason is required to deny a request");
        if (reason.Length > MaxReasonLength)
            return Unprocessable("reason", FieldErrors.TooLong("reason", reason.Length, MaxReasonLength, "characters", nameof(MaxReasonLength)).Message);
        if (!ReasonSyntax().IsMatch(reason))
            return Unprocessable("reason", $"Invalid value: {ValueExcerpt.Quote(reason)}: a reason is one word (CamelCase or a domain): letters, digits and _ , : . - starting with a letter");
        if (message.Length > MaxMessageLength)
            return Unprocessable("message", FieldErrors.TooLong("message", message.Length, MaxMessageLength, "characters", nameof(MaxMessageLength)).Message);
        return null;
    }

    static IResult Conflict(string message) => Results.Json(
        new { kind = "Status", status = "Failure", reason = "Conflict", message },
        statusCode: StatusCodes.Status409Conflict);

    static IResult Unprocessable(string field, string message) => Results.Json(
        new { kind = "Status", status = "Failure", reason = "Invalid", message = $"{field}: {message}" },
        statusCode: StatusCodes.Status422UnprocessableEntity);

    [GeneratedRegex("^[A-Za-z]([A-Za-z0-9_,:.-]*[A-Za-z0-9_])?$")]
    private static partial Regex ReasonSyntax();
}
