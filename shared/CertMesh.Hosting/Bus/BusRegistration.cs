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
            // MassTransit 8.4+ reports usage to its vendor over the internet; a certificate authority's services make
            // no calls their operator did not configure (here it only logged a failed DNS lookup every few minutes).
            x.ConfigureUsageTelemetryOptions(o => o.Enabled = false);
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
                // Every message carries this service's RabbitMQ user, proven by the broker: Trigger lets the services'
                // own users do anything (CERTMESH_BUS_SYSTEM_USERS) and refuses messages without one.
                cfg.StampUserId(settings.RabbitMqUser);
                // Before anything else: internal messages only from system users, public commands with addresses of their own.
                cfg.UseConsumeFilter(typeof(SenderFilter<>), context);
                cfg.PrefetchCount = settings.Concurrency * 2;
                cfg.ConcurrentMessageLimit = settings.Concurrency;
                // A database outage is waited out: the message stays unacknowledged and is tried again every few
                // seconds until PostgreSQL is back (or the service stops), instead of faulting into an error queue.
                cfg.UseMessageRetry(r =>
                {
                    r.Handle<Exception>(Outages.IsOutage);
                    r.Exponential(int.MaxValue, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(200));
                });
                // Optimistic-concurrency conflicts and other transient errors are retried right here, a bounded number
                // of times: the whole handler runs again on freshly loaded state.
                cfg.UseMessageRetry(r =>
                {
                    r.Ignore<Exception>(Outages.IsOutage);
                    r.Exponential(12, TimeSpan.FromMilliseconds(20), TimeSpan.FromSeconds(3), TimeSpan.FromMilliseconds(50));
                });
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
