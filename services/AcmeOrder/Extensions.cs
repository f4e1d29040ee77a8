using CertMesh.AcmeOrder.Accounts;
using CertMesh.AcmeOrder.Bus;
using CertMesh.AcmeOrder.Cleanup;
using CertMesh.AcmeOrder.Orders;
using CertMesh.Hosting;
using CertMesh.Hosting.Bus;
using CertMesh.Acme.Hosting;
using MassTransit;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CertMesh.AcmeOrder;

internal static class Extensions
{
    public static void AddAcmeOrderServices(this WebApplicationBuilder builder)
    {
        builder.AddCertMeshDefaults(bus => bus.AddAcmeOrderConsumers());
        builder.Services.AddAcmeOrdering(builder.Configuration);
    }

    /// <summary>The consumers and their endpoint policy; tests put them on MassTransit's in-memory harness.</summary>
    public static void AddAcmeOrderConsumers(this IBusRegistrationConfigurator bus)
    {
        bus.AddTransactionalConsumer<CreateAcmeOrderConsumer>(typeof(AcmeConsumerDefinition<CreateAcmeOrderConsumer>));
        bus.AddTransactionalConsumer<ChallengeSolvedConsumer>(typeof(AcmeConsumerDefinition<ChallengeSolvedConsumer>));
        bus.AddTransactionalConsumer<ChallengeFailedConsumer>(typeof(AcmeConsumerDefinition<ChallengeFailedConsumer>));
        bus.AddTransactionalConsumer<IssuerChangedConsumer>(typeof(AcmeConsumerDefinition<IssuerChangedConsumer>));
        // Not named CertificateDeletedConsumer: the endpoint name comes from the class, and Issuing's has that one.
        bus.AddTransactionalConsumer<OrderCleanupConsumer>();
    }

    /// <summary>Everything but hosting and transport: accounts, orders and the shared ACME clients.</summary>
    public static IServiceCollection AddAcmeOrdering(this IServiceCollection services, IConfiguration configuration)
    {
        // The defaults register the system clock; TryAdd keeps whichever clock was registered first.
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(AcmeOrderOptions.From(configuration));
        // One client per account for the whole process: directory, nonces and connections are shared by its orders.
        services.AddAcmeClients();
        services.AddSingleton<AccountRegistrar>();
        services.AddSingleton<AccountResolver>();
        services.AddSingleton<OrderFinalizer>();
        services.AddSingleton<OrderCreation>();
        services.AddSingleton<OrderProgress>();
        return services;
    }
}
