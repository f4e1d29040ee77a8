using CertMesh.Hosting.Configuration;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace CertMesh.Hosting.Bus;

/// <summary>MassTransit on RabbitMQ with CertMesh's endpoint conventions; each service adds its consumers and sagas.</summary>
public static class BusRegistration
{
    public static IServiceCollection AddCertMeshBus(this IServiceCollection services, CertMeshSettings settings, Action<IBusRegistrationConfigurator> configure)
    {
        services.AddMassTransit(x =>
        {
            x.SetKebabCaseEndpointNameFormatter();
            configure(x);
            x.UsingRabbitMq((context, cfg) =>
            {
                cfg.Host(settings.RabbitMq, h =>
                {
                    h.Username(settings.RabbitMqUser);
                    h.Password(settings.RabbitMqPassword);
                });
                // Handlers are short database transactions: a few at a time per replica keep PostgreSQL busy
                // without piling up idle-in-transaction connections (CERTMESH_CONCURRENCY, default 16).
                cfg.PrefetchCount = settings.Concurrency * 2;
                cfg.ConcurrentMessageLimit = settings.Concurrency;
                // Optimistic-concurrency conflicts and transient database errors are retried right here:
                // the whole handler runs again on freshly loaded state.
                cfg.UseMessageRetry(r => r.Exponential(12, TimeSpan.FromMilliseconds(20), TimeSpan.FromSeconds(3), TimeSpan.FromMilliseconds(50)));
                cfg.ConfigureEndpoints(context);
            });
        });
        services.Configure<MassTransitHostOptions>(o =>
        {
            o.WaitUntilStarted = true;
            o.StartTimeout = TimeSpan.FromSeconds(60);
            o.StopTimeout = TimeSpan.FromSeconds(15);
        });
        return services;
    }
}
