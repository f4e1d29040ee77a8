using CertMesh.Api.Apply;
using CertMesh.Api.Auth;
using CertMesh.Api.Bus;
using CertMesh.Api.Endpoints;
using CertMesh.Api.Health;
using CertMesh.Api.Issuers;
using CertMesh.Api.Limits;
using CertMesh.Contracts;
using CertMesh.Hosting;
using CertMesh.Hosting.Audit;
using MassTransit;

namespace CertMesh.Api;

internal static class Extensions
{
    public static void AddApiServices(this WebApplicationBuilder builder)
    {
        builder.AddCertMeshDefaults(bus =>
        {
            bus.AddRequestClient<IssueCertificate>(RequestTimeout.After(s: 30));
            bus.AddRequestClient<RenewCertificate>(RequestTimeout.After(s: 30));
            bus.AddRequestClient<DeleteCertificate>(RequestTimeout.After(s: 30));
        });
        builder.Services.AddApiEndpointServices(builder.Configuration);
        // The middleware sets the same backstop per request; this one also holds for anything read before it runs.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = RequestBodyLimit.KestrelBackstopBytes);
    }

    /// <summary>What the endpoints need besides the bus, the database and the clock (which the service defaults add).</summary>
    public static void AddApiEndpointServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<AuditTrail>();
        services.AddHostedService(provider => provider.GetRequiredService<AuditTrail>());
        services.AddSingleton<UnauthenticatedWrites>();
        services.AddHostedService(provider => provider.GetRequiredService<UnauthenticatedWrites>());
        services.AddScoped<AccessApplier>();
        services.AddSingleton(new SignerNamespace(configuration["CERTMESH_CLUSTER_RESOURCE_NAMESPACE"] ?? "cert-manager"));
        services.AddSingleton<IssuerStatusProjector>();
        services.AddScoped<ManifestApplier>();
        services.AddSingleton<ResourceReader>();
        services.AddSingleton(HealthOptions.From(configuration));
        // The Api's own ready checks for /api/health (the service defaults add them; a test host may not).
        services.AddHealthChecks();
    }

    public static void MapApiEndpoints(this WebApplication app)
    {
        app.UseApiAuthentication();
        app.UseRequestBodyLimit();
        app.UseBusUnavailableAnswer();
        app.MapApplyEndpoints();
        app.MapResourceEndpoints();
        app.MapStatusEndpoints();
        app.MapCertificateCommandEndpoints();
        app.MapApprovalEndpoints();
        app.MapSecretEndpoints();
        app.MapAuthEndpoints();
        app.MapAuditEndpoints();
        app.MapResourceDeleteEndpoints();
        app.MapHealthEndpoints();
    }
}
