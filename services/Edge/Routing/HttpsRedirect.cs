using CertMesh.Edge.Certificates;
using Yarp.ReverseProxy.Model;

namespace CertMesh.Edge.Routing;

/// <summary>
/// HTTP→HTTPS for routes with <c>certmesh.io/https-redirect: "true"</c>: a plain-HTTP request YARP matched to such a
/// route gets 308 (method and body kept, unlike 301/302) to the same host, path and query on the Edge's public HTTPS
/// port. Runs after routing, so a redirect exists only for a host a route names. ACME HTTP-01 requests are never
/// redirected (the CA fetches them over plain HTTP; the challenge responder answers them before this anyway).
/// </summary>
internal sealed class HttpsRedirect(RequestDelegate next, RouteCertificateOptions options)
{
    static readonly PathString AcmeChallenges = "/.well-known/acme-challenge";

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.IsHttps
            || request.Path.StartsWithSegments(AcmeChallenges)
            || !RouteAnnotations.WantsHttpsRedirect(context.GetEndpoint()?.Metadata.GetMetadata<RouteModel>()?.Config.Metadata))
            return next(context);
        context.Response.StatusCode = StatusCodes.Status308PermanentRedirect;
        context.Response.Headers.Location = RedirectTarget.For(request.Host.Host, request.PathBase, request.Path, request.QueryString, options.HttpsRedirectPort);
        return Task.CompletedTask;
    }
}

/// <summary>Where an HTTP request is sent for its HTTPS twin: <c>https://host[:port]/path?query</c>, the port left out when it is 443.</summary>
internal static class RedirectTarget
{
    public static string For(string host, PathString pathBase, PathString path, QueryString query, int httpsPort) =>
        $"https://{host}{(httpsPort == 443 ? "" : $":{httpsPort}")}{pathBase.ToUriComponent()}{path.ToUriComponent()}{query.ToUriComponent()}";
}
