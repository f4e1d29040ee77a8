namespace CertMesh.Edge.Certificates;

/// <summary>Registration of route-driven Certificates, kept here so the Edge's Extensions.cs gains one line.</summary>
internal static class RouteCertificateServices
{
    public static IServiceCollection AddRouteCertificates(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(RouteCertificateOptions.From(configuration));
        services.AddSingleton<IIssuerLookups, StoredIssuerLookups>();
        services.AddSingleton<RouteCertificateValidator>();
        services.AddSingleton<StoredCertificates>();
        services.AddSingleton<TriggerCommands>();
        services.AddHostedService<RouteCertificateReconciler>();
        return services;
    }
}
