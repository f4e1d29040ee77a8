using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertMesh.Acme;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CertMesh.AcmeOrder.Tests.Support;

/// <summary>
/// A CA that answers what Pebble cannot be made to on demand: 503 and rateLimited with a Retry-After, and scripted
/// failures (a badNonce that outlives the client's retries, a 500, a final problem) at any step of one order. It
/// checks no signature; it only has to look like RFC 8555 to the client (directory, nonces, Location, problem
/// documents). Its one order has one authorization, for whatever name was asked.
/// </summary>
internal sealed class FakeAcmeServer : IAsyncDisposable
{
    /// <summary>The steps failures can be scripted for, and whose requests are counted.</summary>
    public const string NewOrder = "newOrder", Order = "order", Authorization = "authorization", Finalize = "finalize", Certificate = "certificate";

    readonly WebApplication _app;
    readonly ConcurrentDictionary<string, ConcurrentQueue<Failure>> _failures = new();
    readonly ConcurrentDictionary<string, int> _calls = new();
    readonly string _chainPem = SelfSignedPem();
    volatile bool _finalized;

    FakeAcmeServer(WebApplication app, Uri baseUri)
    {
        _app = app;
        BaseUri = baseUri;
    }

    public Uri BaseUri { get; }
    public Uri Directory => new(BaseUri, "/dir");

    /// <summary>When set, newAccount answers 503 with Retry-After: 3.</summary>
    public bool AccountUnavailable { get; set; }

    /// <summary>When set (the default), newOrder answers 429 rateLimited with Retry-After: 7; otherwise it makes the order.</summary>
    public bool RateLimitNewOrders { get; set; } = true;

    /// <summary>What the order's authorization says: <c>pending</c> (a challenge to solve) or <c>valid</c> (reused, so finalize at once).</summary>
    public string AuthorizationStatus { get; set; } = "valid";

    /// <summary>How many requests reached <paramref name="step"/>, failed ones included.</summary>
    public int Calls(string step) => _calls.GetValueOrDefault(step);

    /// <summary>The next <paramref name="times"/> requests to <paramref name="step"/> are answered with this problem.</summary>
    public void FailNext(string step, int status, string type, string detail, int times = 1, int? retryAfterSeconds = null)
    {
        var queue = _failures.GetOrAdd(step, _ => new ConcurrentQueue<Failure>());
        for (var i = 0; i < times; i++)
            queue.Enqueue(new Failure(status, "urn:ietf:params:acme:error:" + type, detail, retryAfterSeconds));
    }

    /// <summary>One badNonce more than the client re-sends a request for: the exception reaches the workflow.</summary>
    public void BadNonceOutlivingTheClientsRetries(string step) =>
        FailNext(step, 400, "badNonce", "JWS has an invalid anti-replay nonce", new AcmeClientOptions().MaxBadNonceRetries + 1);

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
            ? Problem(context, new Failure(503, "urn:ietf:params:acme:error:serverInternal", "the CA is down for maintenance", 3))
            : Results.Json(new { status = "valid", contact = new[] { "mailto:ops@certmesh.test" } }, statusCode: 201, contentType: "application/json")
                .WithLocation(context, new Uri(baseUri, "/account/1")));
        app.MapPost("/order", (HttpContext context) => server.Step(NewOrder, context, () => server.RateLimitNewOrders
            ? Problem(context, new Failure(429, "urn:ietf:params:acme:error:rateLimited", "too many new orders recently", 7))
            : Results.Json(server.OrderJson(), statusCode: 201, contentType: "application/json").WithLocation(context, new Uri(baseUri, "/order/1"))));
        app.MapPost("/order/1", (HttpContext context) => server.Step(Order, context, () => Results.Json(server.OrderJson())));
        app.MapPost("/authz/1", (HttpContext context) => server.Step(Authorization, context, () => Results.Json(new
        {
            status = server.AuthorizationStatus,
            identifier = new { type = "dns", value = "busy.certmesh.test" },
            challenges = new[] { new { type = "http-01", url = new Uri(baseUri, "/chall/1"), status = server.AuthorizationStatus, token = "token-1" } },
        })));
        app.MapPost("/order/1/finalize", (HttpContext context) => server.Step(Finalize, context, () =>
        {
            server._finalized = true;
            return Results.Json(server.OrderJson());
        }));
        app.MapPost("/cert/1", (HttpContext context) => server.Step(Certificate, context,
            () => Results.Text(server._chainPem, "application/pem-certificate-chain")));
        await app.StartAsync();
        return server;
    }

    IResult Step(string step, HttpContext context, Func<IResult> answer)
    {
        _calls.AddOrUpdate(step, 1, (_, n) => n + 1);
        return _failures.TryGetValue(step, out var queue) && queue.TryDequeue(out var failure) ? Problem(context, failure) : answer();
    }

    object OrderJson() => new
    {
        status = _finalized ? "valid" : AuthorizationStatus == "valid" ? "ready" : "pending",
        identifiers = new[] { new { type = "dns", value = "busy.certmesh.test" } },
        authorizations = new[] { new Uri(BaseUri, "/authz/1") },
        finalize = new Uri(BaseUri, "/order/1/finalize"),
        certificate = _finalized ? new Uri(BaseUri, "/cert/1") : null,
    };

    static IResult Problem(HttpContext context, Failure failure)
    {
        if (failure.RetryAfterSeconds is { } seconds)
            context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Results.Json(new { type = failure.Type, detail = failure.Detail, status = failure.Status }, statusCode: failure.Status, contentType: "application/problem+json");
    }

    static string SelfSignedPem()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=busy.certmesh.test", key, HashAlgorithmName.SHA256);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(1));
        return certificate.ExportCertificatePem() + "\n";
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    sealed record Failure(int Status, string Type, string Detail, int? RetryAfterSeconds);
}

internal static class LocationResults
{
    public static IResult WithLocation(this IResult result, HttpContext context, Uri location)
    {
        context.Response.Headers.Location = location.AbsoluteUri;
        return result;
    }
}
