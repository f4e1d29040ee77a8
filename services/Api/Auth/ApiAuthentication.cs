using CertMesh.Domain.Authorization;
using CertMesh.Hosting.Audit;
using CertMesh.Hosting.Authorization;
using CertMesh.Persistence.Audit;

namespace CertMesh.Api.Auth;

/// <summary>
/// Every call but the health probes and the metrics scrape names a principal by its bearer token, or gets 401 and reaches no endpoint. The
/// token is hashed and looked up in the cached access snapshot (no query per call); it is never logged. Refused writes
/// are audited per source address, a flood as one line per window (<see cref="UnauthenticatedWrites"/>).
/// </summary>
internal static class ApiAuthentication
{
    const string CallerKey = "certmesh.caller";
    static readonly string[] OpenPaths = ["/alive", "/ready", "/health", "/metrics"];

    public static void UseApiAuthentication(this WebApplication app) => app.Use(async (context, next) =>
    {
        if (OpenPaths.Contains(context.Request.Path.Value, StringComparer.Ordinal))
        {
            await next(context);
            return;
        }
        var snapshot = await context.RequestServices.GetRequiredService<AccessCache>().CurrentAsync(context.RequestAborted);
        var time = context.RequestServices.GetRequiredService<TimeProvider>();
        var credential = snapshot.AuthenticateToken(BearerToken.From(context.Request), time.GetUtcNow());
        if (!credential.IsValid)
        {
            if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
                context.RequestServices.GetRequiredService<UnauthenticatedWrites>().Refused(
                    context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    credential.PrincipalName is { } principal ? $"{principal} (token {credential.TokenId ?? "-"})" : "anonymous",
                    $"{context.Request.Method} {Excerpt(context.Request.Path.Value)}",
                    credential.Explain());
            context.Response.Headers.WWWAuthenticate = "Bearer realm=\"certmesh\"";
            await ApiRefusals.Unauthorized(credential.Explain()).ExecuteAsync(context);
            return;
        }
        context.Items[CallerKey] = new ApiCaller(credential.PrincipalName!, credential.TokenId, snapshot);
        await next(context);
    });

    public static ApiCaller Caller(this HttpContext context) =>
        context.Items[CallerKey] as ApiCaller ?? throw new InvalidOperationException("the request was not authenticated");

    static string Excerpt(string? path) => path is null ? "" : path.Length <= 200 ? path : path[..200] + "…";
}
