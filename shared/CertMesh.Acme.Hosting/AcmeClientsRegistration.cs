using CertMesh.Hosting.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CertMesh.Acme.Hosting;

public static class AcmeClientsRegistration
{
    /// <summary>The ACME clients and their request metrics; the registry is added if the host has none yet (a test host).</summary>
    public static IServiceCollection AddAcmeClients(this IServiceCollection services)
    {
        services.TryAddSingleton<CertMeshMetrics>();
        services.TryAddSingleton<AcmeClientMetrics>();
        services.TryAddSingleton<AcmeClients>();
        return services;
    }
}
