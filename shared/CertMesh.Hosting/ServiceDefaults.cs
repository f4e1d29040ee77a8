using CertMesh.Domain.Durations;
using CertMesh.Domain.Renewal;
using CertMesh.Hosting.Authorization;
using CertMesh.Hosting.Bus;
using CertMesh.Hosting.Configuration;
using CertMesh.Hosting.Health;
using CertMesh.Hosting.Housekeeping;
using CertMesh.Hosting.Metrics;
using CertMesh.Hosting.Outbox;
using CertMesh.Hosting.Telemetry;
using CertMesh.Persistence.Database;
using CertMesh.Persistence.Messaging;
using CertMesh.Persistence.Secrets;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CertMesh.Hosting;

/// <summary>What every CertMesh service shares: state, outbox delivery, bus, health and logging.</summary>
public static class ServiceDefaults
{
    public static CertMeshSettings AddCertMeshDefaults(this IHostApplicationBuilder builder, Action<IBusRegistrationConfigurator> configureBus)
    {
        var settings = CertMeshSettings.From(builder.Configuration);
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss.fff ";
        });
        builder.Logging.AddFilter("MassTransit", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.AddCertMeshTracing();

        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(_ =>
        {
            var dataSource = new NpgsqlDataSourceBuilder(settings.Postgres);
            // Every consumer runs the same few statements: prepared once per connection, PostgreSQL skips parse and plan.
            if (dataSource.ConnectionStringBuilder.MaxAutoPrepare == 0)
                dataSource.ConnectionStringBuilder.MaxAutoPrepare = 64;
            // Nothing leaves session state on a pooled connection (the metrics feed releases its session lock itself),
            // so none is reset on return: with prepared statements Npgsql's reset is seven statements, ~45 per certificate.
            dataSource.ConnectionStringBuilder.NoResetOnClose = true;
            dataSource.ConfigureTracing(Tracing.ConfigureNpgsql);
            return dataSource.Build();
        });
        services.AddSingleton(_ => SecretCipher.FromBase64(settings.SecretKey));
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton(new Backoff(BackoffFrom(builder.Configuration)));
        services.AddSingleton<CertMeshDatabase>();
        services.AddSingleton(AccessOptions.From(builder.Configuration, settings));
        services.AddSingleton<AccessCache>();
        services.AddHostedService<SchemaInitializer>();
        services.AddCertMeshMetrics(builder.Configuration);
        services.AddCertMeshBus(settings, configureBus);
        services.AddSingleton<OutboxMetrics>();
        services.AddHostedService<OutboxDispatcher>();
        var retention = TimeSpan.FromHours(int.TryParse(builder.Configuration["CERTMESH_INBOX_RETENTION_HOURS"], out var hours) && hours > 0 ? hours : 168);
        services.AddHostedService(provider => new InboxPruner(
            provider.GetRequiredService<NpgsqlDataSource>(), retention, provider.GetRequiredService<ILogger<InboxPruner>>()));
        services.AddHostedService<HeartbeatWriter>();
        // "ready" is the tag MassTransit gives its bus check too: /ready fails while either server is unreachable.
        services.AddHealthChecks().AddCheck<PostgresHealthCheck>("postgresql", tags: [ReadyTag]);
        return settings;
    }

    // Go durations, as everywhere else in CertMesh: CERTMESH_BACKOFF_INITIAL=1h, CERTMESH_BACKOFF_MAX=32h.
    static BackoffOptions BackoffFrom(Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        static TimeSpan Read(string? value, TimeSpan fallback, string name) =>
            value is null ? fallback
            : GoDuration.TryParse(value, out var parsed, out var error) && parsed > TimeSpan.Zero ? parsed
            : throw new InvalidOperationException($"{name}: {error}");
        var defaults = BackoffOptions.Default;
        return new BackoffOptions(
            Read(configuration["CERTMESH_BACKOFF_INITIAL"], defaults.Initial, "CERTMESH_BACKOFF_INITIAL"),
            Read(configuration["CERTMESH_BACKOFF_MAX"], defaults.Max, "CERTMESH_BACKOFF_MAX"));
    }

    internal const string ReadyTag = "ready";

    /// <summary>
    /// <c>/alive</c>: the process answers (for a supervisor deciding to restart it). <c>/ready</c>: PostgreSQL and the
    /// broker are reachable, 503 otherwise, Degraded included (for whoever routes work to it). <c>/health</c> answers
    /// as <c>/ready</c>, for the scripts and containers that probe it.
    /// </summary>
    public static WebApplication MapCertMeshHealth(this WebApplication app)
    {
        var ready = new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag),
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
            ResponseWriter = HealthReportWriter.WriteAsync,
        };
        app.MapHealthChecks("/ready", ready);
        app.MapHealthChecks("/health", ready);
        app.MapHealthChecks("/alive", new HealthCheckOptions { Predicate = _ => false });
        // Probes and metrics go together: whatever probes a service also scrapes it, at the same address.
        app.MapCertMeshMetrics();
        return app;
    }
}
