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
    public static void AddDnsWebhookServices(this WebApplicationBuilder builder)
    {
        builder.AddCertMeshDefaults(bus => bus.AddDnsWebhookConsumers());
        builder.Services.AddDnsChanges(builder.Configuration);
    }

    /// <summary>The consumer and its endpoint policy.</summary>
    public static void AddDnsWebhookConsumers(this IBusRegistrationConfigurator bus) =>
        bus.AddConsumer<ChangeDnsRecordConsumer>(typeof(ChangeDnsRecordConsumerDefinition));

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
