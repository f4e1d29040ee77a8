using System.Collections.Concurrent;
using System.IO.Compression;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CertMesh.Testing;

/// <summary>
/// An OTLP/HTTP trace receiver on a free loopback port (protobuf POSTs to <c>/v1/traces</c>), keeping every span the
/// services send, so a test can follow one trace across processes. What a collector would be, minus everything else.
/// Point services at it with <c>OTEL_EXPORTER_OTLP_ENDPOINT=</c><see cref="Endpoint"/> and
/// <c>OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf</c>.
/// </summary>
public sealed class OtlpTraceReceiver : IAsyncDisposable
{
    readonly WebApplication _app;
    readonly ConcurrentQueue<ReceivedSpan> _spans = new();
    int _rejected;

    OtlpTraceReceiver(WebApplication app, Uri endpoint)
    {
        _app = app;
        Endpoint = endpoint;
    }

    /// <summary>The base address, without <c>/v1/traces</c> (exporters append it to the standard variable).</summary>
    public Uri Endpoint { get; }

    public IReadOnlyList<ReceivedSpan> Spans => _spans.ToArray();

    /// <summary>Requests that could not be read: a test on traces should assert it stays zero.</summary>
    public int Rejected => _rejected;

    public IReadOnlyList<ReceivedSpan> Trace(string traceId) =>
        _spans.Where(s => string.Equals(s.TraceId, traceId, StringComparison.OrdinalIgnoreCase)).ToList();

    public static async Task<OtlpTraceReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        OtlpTraceReceiver? receiver = null;
        app.MapPost("/v1/traces", async context => await receiver!.ReceiveAsync(context));
        await app.StartAsync();
        // Port 0 is bound by Kestrel itself (no race for a port picked beforehand); Urls then holds the real one.
        receiver = new OtlpTraceReceiver(app, new Uri(app.Urls.First()));
        return receiver;
    }

    async Task ReceiveAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        var input = context.Request.Headers.ContentEncoding == "gzip" ? new GZipStream(context.Request.Body, CompressionMode.Decompress) : context.Request.Body;
        await using (input)
            await input.CopyToAsync(body, context.RequestAborted);
        try
        {
            foreach (var span in OtlpTraceDecoder.Decode(body.GetBuffer().AsSpan(0, (int)body.Length)))
                _spans.Enqueue(span);
        }
        catch (FormatException)
        {
            Interlocked.Increment(ref _rejected);
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        // An empty ExportTraceServiceResponse: no partial success to report.
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/x-protobuf";
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
