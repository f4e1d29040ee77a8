using System.IO.Compression;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Prometheus;

namespace CertMesh.Hosting.Metrics;

/// <summary>
/// <c>GET /metrics</c>: the registry (counters, histograms, summaries, process) then the families the service writes
/// itself, in Prometheus text format 0.0.4 — never OpenMetrics, whose counters must end in <c>_total</c>, so cert-manager's
/// names (<c>certmanager_http_acme_client_request_count</c>) reach Prometheus exactly as cert-manager's own exporter
/// sends them. Gzipped when the scraper accepts it (Prometheus does): a large fleet's text compresses about tenfold.
/// </summary>
public static class MetricsEndpoint
{
    public const string Path = "/metrics";
    const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public static WebApplication MapCertMeshMetrics(this WebApplication app)
    {
        app.MapGet(Path, WriteAsync);
        return app;
    }

    static async Task WriteAsync(HttpContext http)
    {
        var metrics = http.RequestServices.GetRequiredService<CertMeshMetrics>();
        var families = http.RequestServices.GetServices<IMetricFamilies>();
        var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        var cancellationToken = http.RequestAborted;
        http.Response.ContentType = ContentType;
        // The families are written line by line through a buffered writer; its synchronous flushes (64 KiB at a time)
        // are allowed for this response only, rather than an await per sample.
        http.Features.Get<IHttpBodyControlFeature>()!.AllowSynchronousIO = true;
        var gzip = http.Request.Headers.AcceptEncoding.ToString().Contains("gzip", StringComparison.OrdinalIgnoreCase);
        if (gzip)
            http.Response.Headers.ContentEncoding = "gzip";

        await using var body = gzip
            ? new GZipStream(http.Response.Body, CompressionLevel.Fastest, leaveOpen: true)
            : (Stream)new NonClosingStream(http.Response.Body);
        await metrics.Registry.CollectAndExportAsTextAsync(body, ExpositionFormat.PrometheusText, cancellationToken);
        await using (var writer = new StreamWriter(body, new UTF8Encoding(false), bufferSize: 1 << 16, leaveOpen: true))
        {
            var text = new MetricText(writer);
            foreach (var family in families)
                family.Write(text, now);
        }
        await body.FlushAsync(cancellationToken);
    }

    /// <summary>The response body belongs to the server; disposing the writer chain must not close it.</summary>
    sealed class NonClosingStream(Stream inner) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => inner.WriteAsync(buffer, cancellationToken);
        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => inner.WriteAsync(buffer, offset, count, cancellationToken);
    }
}
