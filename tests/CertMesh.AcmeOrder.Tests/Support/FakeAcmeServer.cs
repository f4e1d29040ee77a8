using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CertMesh.AcmeOrder.Tests.Support;

/// <summary>
/// A CA that answers what Pebble cannot be made to: 503 and rateLimited with a Retry-After. It checks no
/// signature; it only has to look like RFC 8555 to the client (directory, nonces, Location, problem documents).
/// </summary>
internal sealed class FakeAcmeServer : IAsyncDisposable
{
    readonly WebApplication _app;

    FakeAcmeServer(WebApplication app, Uri baseUri)
    {
        _app = app;
        BaseUri = baseUri;
    }

    public Uri BaseUri { get; }
    public Uri Directory => new(BaseUri, "/dir");

    /// <summary>When set, newAccount answers 503 with Retry-After: 3.</summary>
    public bool AccountUnavailable { get; set; }

    public static async Task<FakeAcmeServer> StartAsync()
    {
        var baseUri = new Uri($"http://127.0.0.1:{TestEnvironment.FreePort()}");
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(baseUri.AbsoluteUri);
        var app = builder.Build();
        var server = new FakeAcmeServer(app, baseUri);
        app.Use(async (context, next) =>
        {
            context.Response.Headers["Replay-Nonce"] = Guid.NewGuid().ToString("N");
            await next(context);
        });
        app.MapGet("/dir", () => Results.Json(new
        {
            newNonce = new Uri(baseUri, "/nonce"),
            newAccount = new Uri(baseUri, "/account"),
            newOrder = new Uri(baseUri, "/order"),
        }));
        app.MapMethods("/nonce", ["HEAD", "GET"], () => Results.Ok());
        app.MapPost("/account", (HttpContext context) => server.AccountUnavailable
            ? Problem(context, 503, 3, "urn:ietf:params:acme:error:serverInternal", "the CA is down for maintenance")
            : Results.Json(new { status = "valid", contact = new[] { "mailto:ops@certmesh.test" } }, statusCode: 201, contentType: "application/json")
                .WithLocation(context, new Uri(baseUri, "/account/1")));
        app.MapPost("/order", (HttpContext context) =>
            Problem(context, 429, 7, "urn:ietf:params:acme:error:rateLimited", "too many new orders recently"));
        await app.StartAsync();
        return server;
    }

    static IResult Problem(HttpContext context, int status, int retryAfterSeconds, string type, string detail)
    {
        context.Response.Headers.RetryAfter = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Results.Json(new { type, detail, status }, statusCode: status, contentType: "application/problem+json");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

internal static class LocationResults
{
    public static IResult WithLocation(this IResult result, HttpContext context, Uri location)
    {
        context.Response.Headers.Location = location.AbsoluteUri;
        return result;
    }
}
