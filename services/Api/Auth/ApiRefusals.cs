using CertMesh.Domain.Authorization;

namespace CertMesh.Api.Auth;

/// <summary>The 401 and 403 answers, in the Kubernetes Status shape kubectl users read.</summary>
internal static class ApiRefusals
{
    public static IResult Unauthorized(string message) => Status(StatusCodes.Status401Unauthorized, "Unauthorized", $"Unauthorized: {message}");

    public static IResult Forbidden(AccessDecision decision) => Status(StatusCodes.Status403Forbidden, "Forbidden", $"forbidden: {decision.Message}");

    static IResult Status(int code, string reason, string message) =>
        Results.Json(new { kind = "Status", status = "Failure", reason, message, code }, statusCode: code);
}
