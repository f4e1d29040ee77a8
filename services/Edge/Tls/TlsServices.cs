using MassTransit;

namespace CertMesh.Edge.Tls;

/// <summary>The Edge's TLS termination, wired in: nothing at all unless an HTTPS endpoint is configured.</summary>
internal static class TlsServices
{
    public static TlsOptions ReadTlsOptions(this WebApplicationBuilder builder) =>
        TlsOptions.From(builder.Configuration, HttpsEndpoint.HttpUrls(builder.WebHost)[0]);

    /// <summary>The certificate events, on the same kind of per-replica temporary queue as the token events.</summary>
    public static void AddTlsConsumers(this IBusRegistrationConfigurator bus, TlsOptions options, Action<IEndpointRegistrationConfigurator> endpoint)
    {
        if (options.Enabled)
            bus.AddConsumer<CertificateEventsConsumer>().Endpoint(endpoint);
    }

    /// <summary>Call after the bus is registered: the certificates' first load must follow the queue's binding.</summary>
    public static void AddEdgeTls(this WebApplicationBuilder builder, TlsOptions options)
    {
        if (!options.Enabled)
            return;
        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton<CertificateStore>();
        services.AddSingleton<CertificateLoader>();
        services.AddSingleton<RoutedHosts>();
        services.AddSingleton<SniCertificateSelector>();
        services.AddHostedService<CertificateSynchronizer>();
        HttpsEndpoint.Configure(builder, options, HttpsEndpoint.HttpUrls(builder.WebHost));
    }
}
