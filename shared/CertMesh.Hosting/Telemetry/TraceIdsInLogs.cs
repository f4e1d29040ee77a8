using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace CertMesh.Hosting.Telemetry;

/// <summary>
/// Every line logged inside a span carries its trace and span ids, as a scope the console prints on the same line
/// (<c>=&gt; SpanId:…, TraceId:…</c>): grep the trace id shown by <c>certmesh status</c> across every service's log.
/// </summary>
internal static class TraceIdsInLogs
{
    public static void AddTraceIdsToLogs(this IHostApplicationBuilder builder)
    {
        builder.Logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        // The simple console is added (single-line) by the service defaults; scopes are off there by default.
        builder.Services.Configure<SimpleConsoleFormatterOptions>(o => o.IncludeScopes = true);
    }
}
