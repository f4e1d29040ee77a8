using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CertMesh.DnsWebhook.Tests.Support;

/// <summary>
/// A tiny Kestrel server on 127.0.0.1 standing in for a cert-manager webhook solver: it records every POST (path and
/// body) and answers from a delegate, by default cert-manager's success envelope echoing the request's uid.
/// </summary>
internal sealed class FakeWebhook : IAsyncDisposable
{
    public delegate Task<(int Status, string Body)> Answer(JsonElement request);

    readonly WebApplication _app;

    FakeWebhook(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }
    public ConcurrentQueue<(string Path, string ContentType, JsonElement Body)> Requests { get; } = new();

    public static async Task<FakeWebhook> StartAsync(Answer? answer = null)
    {
        answer ??= request => Task.FromResult((200, Success(request)));
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        FakeWebhook? webhook = null;
        app.MapPost("/{**path}", async (HttpContext context) =>
        {
            using var body = await JsonDocument.ParseAsync(context.Request.Body);
            webhook!.Requests.Enqueue((context.Request.Path.Value ?? "", context.Request.ContentType ?? "", body.RootElement.Clone()));
            var (status, text) = await answer(body.RootElement.GetProperty("request"));
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(text);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        webhook = new FakeWebhook(app, new Uri(address));
        return webhook;
    }

    /// <summary>cert-manager's answer envelope: the payload with <c>response</c> filled in.</summary>
    public static string Response(JsonElement request, bool success, object? status = null) =>
        JsonSerializer.Serialize(new
        {
            apiVersion = "webhook.acme.cert-manager.io/v1alpha1",
            kind = "ChallengePayload",
            response = new { uid = request.GetProperty("uid").GetString(), success, status },
        });

    public static string Success(JsonElement request) => Response(request, true);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
