namespace CertMesh.Api.Auth;

/// <summary>The answer to a request refused secret access; <c>action</c> says what was refused, e.g. "read secret data".</summary>
internal static class SecretAccessDenial
{
    public static int StatusCode(SecretAccess access) =>
        access == SecretAccess.Disabled ? StatusCodes.Status403Forbidden : StatusCodes.Status401Unauthorized;

    public static string Message(SecretAccess access, string action) => access == SecretAccess.Disabled
        ? "secret access is disabled: the Api has no CERTMESH_API_TOKEN configured"
        : $"a valid bearer token is required to {action}";

    public static IResult Result(SecretAccess access, string action) =>
        Results.Json(new { message = Message(access, action) }, statusCode: StatusCode(access));
}
