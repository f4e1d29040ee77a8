using MassTransit.Logging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace CertMesh.Hosting.Telemetry;

/// <summary>
/// OpenTelemetry tracing for a service: MassTransit's, Npgsql's, HttpClient's, ASP.NET Core's and CertMesh's own spans,
/// one trace per issuance. Spans are always made (parent-based, always on) so a trace id exists for the logs and for
/// <c>certmesh status</c>; they leave the process only when an OTLP endpoint is configured (the standard
/// <c>OTEL_EXPORTER_OTLP_*</c> variables, <c>OTEL_BSP_*</c> for batching).
/// </summary>
public static class Tracing
{
    static readonly string[] Probes = ["/alive", "/ready", "/health", "/metrics"];

    public static IHostApplicationBuilder AddCertMeshTracing(this IHostApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var serviceName = ServiceName(builder.Environment.ApplicationName);
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource =>
            {
                // OTEL_SERVICE_NAME, when set, is the operator's choice and wins.
                if (string.IsNullOrEmpty(configuration["OTEL_SERVICE_NAME"]))
                    resource.AddService(serviceName, serviceInstanceId: configuration["CERTMESH_REPLICA_ID"], autoGenerateServiceInstanceId: true);
            })
            .WithTracing(tracing =>
            {
                tracing
                    .SetSampler(new ParentBasedSampler(new AlwaysOnSampler()))
                    .AddSource(CertMeshActivities.SourceName)
                    .AddSource(DiagnosticHeaders.DefaultListenerName)
                    .AddNpgsql()
                    .AddHttpClientInstrumentation()
                    // Probes come every few seconds from supervisors and would each be a trace of their own.
                    .AddAspNetCoreInstrumentation(o => o.Filter = context => !IsProbe(context.Request.Path));
                if (HasOtlpEndpoint(configuration))
                    tracing.AddOtlpExporter();
            });
        builder.AddTraceIdsToLogs();
        return builder;
    }

    /// <summary>
    /// Only statements run inside a trace become spans: the pollers (outbox, sweeper, scheduler, pruner) would otherwise
    /// make a root trace of every idle poll. No first-response event and no physical-open spans: an allocation less per command.
    /// </summary>
    public static void ConfigureNpgsql(NpgsqlTracingOptionsBuilder tracing) => tracing
        .ConfigureCommandFilter(_ => System.Diagnostics.Activity.Current is not null)
        .ConfigureBatchFilter(_ => System.Diagnostics.Activity.Current is not null)
        .EnableFirstResponseEvent(false)
        .EnablePhysicalOpenTracing(false);

    /// <summary><c>CertMesh.Trigger</c> → <c>certmesh-trigger</c>, the name the spans of each service carry.</summary>
    public static string ServiceName(string applicationName) =>
        applicationName.Replace('.', '-').ToLowerInvariant();

    static bool HasOtlpEndpoint(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"])
        || !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"]);

    static bool IsProbe(Microsoft.AspNetCore.Http.PathString path)
    {
        foreach (var probe in Probes)
            if (path.StartsWithSegments(probe, StringComparison.OrdinalIgnoreCase))
                return true;
        return false;
    }
}
