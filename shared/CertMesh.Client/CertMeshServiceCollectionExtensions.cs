using CertMesh.Client;
using CertMesh.Client.Bus;
using CertMesh.Client.Configuration;
using CertMesh.Client.Health;
using CertMesh.Client.Lifecycle;
using CertMesh.Client.Tls;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

// In the namespace of IServiceCollection, so Program.cs needs no using for the one line.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the CertMesh client: the bus, one agent and one health check per declared certificate.</summary>
public static class CertMeshServiceCollectionExtensions
{
    /// <summary>
    /// Keeps the certificates declared in <paramref name="configuration"/>'s <c>CertMesh</c> section (and those
    /// <paramref name="configure"/> adds): keys made and kept in the application, CSRs sent to CertMesh as the
    /// application's own RabbitMQ user (<c>CertMesh:RabbitMq</c>), every revision served by Kestrel through
    /// <c>UseCertMeshHttps</c>. Start-up fails with the field named when the configuration is invalid or CertMesh
    /// rejects a certificate, and waits (up to <c>CertMesh:StartupTimeout</c>) until each certificate is served.
    /// Adds a health check <c>certmesh-&lt;name&gt;</c> per certificate.
    /// </summary>
    public static IServiceCollection AddCertMesh(this IServiceCollection services, IConfiguration configuration, Action<CertMeshOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var optionsBuilder = services.AddOptions<CertMeshOptions>().Bind(configuration.GetSection(CertMeshOptions.SectionName));
        if (configure is not null)
        {
            optionsBuilder.Configure(configure);
        }
        optionsBuilder.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CertMeshOptions>, CertMeshOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<CertificateSlots>();
        services.TryAddSingleton<ICertMeshCertificates, ServedCertificates>();
        services.TryAddSingleton<ICertMeshCommands, BusCommands>();
        services.TryAddSingleton<CertificateAgents>();

        // The bus first: its hosted service (WaitUntilStarted) has it connected before CertificateStartup sends.
        services.AddCertMeshBus();
        services.Configure<MassTransitHostOptions>(o => o.WaitUntilStarted = true);
        services.AddHostedService<CertificateStartup>();

        // One check per certificate; the names are known only once configuration is read, so they are added then.
        services.AddHealthChecks();
        services.AddSingleton<IConfigureOptions<HealthCheckServiceOptions>, CertificateHealthChecksSetup>();
        return services;
    }

    sealed class CertificateHealthChecksSetup(IOptions<CertMeshOptions> options, IServiceProvider services) : IConfigureOptions<HealthCheckServiceOptions>
    {
        public void Configure(HealthCheckServiceOptions health)
        {
            foreach (var key in options.Value.Certificates.Keys)
            {
                health.Registrations.Add(new HealthCheckRegistration($"certmesh-{key}",
                    _ => new CertificateHealthCheck(services.GetRequiredService<CertificateAgents>().ByKey(key), services.GetRequiredService<TimeProvider>()),
                    failureStatus: null, tags: ["certmesh"]));
            }
        }
    }
}
