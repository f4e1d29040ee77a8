using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CertMesh.AcmeOrder.Tests.Support;

/// <summary>
/// Plays the Edge for Pebble's VA: a Kestrel on Pebble's httpPort answering <c>/.well-known/acme-challenge/{token}</c>
/// with the key authorization the test put there (404 otherwise).
/// </summary>
internal sealed class Http01Responder : IAsyncDisposable
{
    readonly WebApplication _app;

    Http01Responder(WebApplication app) => _app = app;

    public ConcurrentDictionary<string, string> Tokens { get; } = new();

    public static async Task<Http01Responder> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{TestEnvironment.EdgeHttpPort}");
        var app = builder.Build();
        var responder = new Http01Responder(app);
        app.MapGet("/.well-known/acme-challenge/{token}", (string token) =>
            responder.Tokens.TryGetValue(token, out var body) ? Results.Text(body) : Results.NotFound());
        try
        {
            await app.StartAsync();
        }
        catch (IOException exception)
        {
            throw new InvalidOperationException(
                $"Cannot listen on 127.0.0.1:{TestEnvironment.EdgeHttpPort} (EDGE_HTTP_PORT, Pebble's httpPort): is the Edge or another suite using it? {exception.Message}", exception);
        }
        return responder;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
