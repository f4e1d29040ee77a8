using CertMesh.Hosting.Metrics.Resources;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CertMesh.Hosting.Metrics;

public static class MetricsRegistration
{
    /// <summary>The registry, <c>/metrics</c>'s parts and the controller sync counters; every service has them.</summary>
    public static IServiceCollection AddCertMeshMetrics(this IServiceCollection services)
    {
        services.AddSingleton<CertMeshMetrics>();
        services.AddConsumeObserver<ControllerSyncObserver>();
        services.AddSingleton(ResourceFeedOptions.Default);
        services.AddSingleton<ResourceChangeFeed>();
        services.AddHostedService(provider => provider.GetRequiredService<ResourceChangeFeed>());
        return services;
    }

    /// <summary>Series kept per stored resource, exported by this service's leading replica (<see cref="ResourceChangeFeed"/>).</summary>
    public static IServiceCollection AddResourceSeries<T>(this IServiceCollection services) where T : class, IResourceSeries
    {
        // A service may have registered the series itself (with its settings); otherwise it is built by the container.
        services.TryAddSingleton<T>();
        services.AddSingleton<IResourceSeries>(provider => provider.GetRequiredService<T>());
        services.AddSingleton<IMetricFamilies>(provider => provider.GetRequiredService<T>());
        return services;
    }
}
