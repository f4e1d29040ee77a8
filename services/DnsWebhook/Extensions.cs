using CertMesh.DnsWebhook.Changes;
using CertMesh.DnsWebhook.Providers;
using CertMesh.DnsWebhook.Providers.Webhook;
using CertMesh.DnsWebhook.Secrets;
using CertMesh.Hosting;
using MassTransit;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CertMesh.DnsWebhook;

internal static class Extensions
{
    /// <param name="endpoint">
    /// Null when deployed: the consumer gets the kebab-case <c>change-dns-record</c> queue, bound to the ChangeDnsRecord
    /// exchange. Tests pass a private queue here (auto-delete, bound to nothing) so the shared vhost keeps no queue of theirs.
    /// </param>
    public static void AddDnsWebhookServices(this WebApplicationBuilder builder, Action<IEndpointRegistrationConfigurator>? endpoint = null)
    {
        builder.AddCertMeshDefaults(bus => bus.AddDnsWebhookConsumers(endpoint));
        builder.Services.AddDnsChanges(builder.Configuration);
    }

    /// <summary>The consumer and its endpoint policy, on the endpoint <paramref name="endpoint"/> reshapes when given.</summary>
    public static void AddDnsWebhookConsumers(this IBusRegistrationConfigurator bus, Action<IEndpointRegistrationConfigurator>? endpoint = null)
    {
        var consumer = bus.AddConsumer<ChangeDnsRecordConsumer>(typeof(ChangeDnsRecordConsumerDefinition));
        if (endpoint is not null)
            consumer.Endpoint(endpoint);
    }

    /// <summary>Everything but hosting and transport: options, secrets, providers and the changer.</summary>
    public static IServiceCollection AddDnsChanges(this IServiceCollection services, IConfiguration configuration)
    {
        // The defaults register the system clock; TryAdd keeps whichever clock was registered first.
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(DnsWebhookOptions.From(configuration));
        services.AddSingleton<WebhookHttp>();
        services.AddSingleton<SolverSecrets>();
        services.AddSingleton<DnsProviderFactory>();
        services.AddSingleton<DnsRecordChanger>();
        return services;
    }
}
