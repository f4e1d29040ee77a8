using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CertMesh.ChallengeSolver.Tests.Support;

/// <summary>
/// A tiny Kestrel server answering <c>/.well-known/acme-challenge/{token}</c> from a delegate, standing in for the
/// Edge (which serves the real token store). It records the Host header of every request.
/// </summary>
internal sealed class TokenResponder : IAsyncDisposable
{
    public delegate Task<(int Status, string Body)> Answer(string host, string token);

    readonly WebApplication _app;

    TokenResponder(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    public int Port { get; }
    public ConcurrentQueue<string> Hosts { get; } = new();

    /// <summary>
    /// Listens on 127.0.0.1:<paramref name="port"/> (0: any free port). A fixed port another suite holds right now
    /// (Pebble's HTTP-01 port is shared) is waited for, up to <paramref name="waitForPort"/>, then reported clearly.
    /// </summary>
    public static async Task<TokenResponder> StartAsync(int port, Answer answer, TimeSpan? waitForPort = null)
    {
        var deadline = DateTime.UtcNow + (waitForPort ?? TimeSpan.Zero);
        while (true)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
            var app = builder.Build();
            TokenResponder? responder = null;
            app.MapGet("/.well-known/acme-challenge/{token}", async (HttpContext context, string token) =>
            {
                responder!.Hosts.Enqueue(context.Request.Host.Value ?? "");
                var (status, body) = await answer(context.Request.Host.Host, token);
                context.Response.StatusCode = status;
                context.Response.ContentType = "text/plain";
                await context.Response.WriteAsync(body);
            });
            try
            {
                await app.StartAsync();
            }
            catch (IOException exception) when (port != 0)
            {
                await app.DisposeAsync();
                if (DateTime.UtcNow > deadline)
                    throw new InvalidOperationException($"127.0.0.1:{port} stays in use (another test suite or a running Edge?): {exception.Message}", exception);
                await Task.Delay(250);
                continue;
            }
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
            responder = new TokenResponder(app, new Uri(address).Port);
            return responder;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
