using CertMesh.Hosting.Bus;
using MassTransit;

namespace CertMesh.Bench.Infrastructure;

/// <summary>Where CertMesh's RabbitMQ is, read from the same variables the services use (deploy/local/.state/env).</summary>
internal sealed record BusConnection(Uri Host, string User, string Password)
{
    public static BusConnection FromEnvironment() => new(
        new Uri(Environment.GetEnvironmentVariable("CERTMESH_RABBITMQ") ?? "rabbitmq://127.0.0.1:5673"),
        Environment.GetEnvironmentVariable("CERTMESH_RABBITMQ_USER") ?? "guest",
        Environment.GetEnvironmentVariable("CERTMESH_RABBITMQ_PASSWORD") ?? "guest");

    /// <summary>A bus of our own (no DI host needed); the caller starts and stops it.</summary>
    public IBusControl CreateBus(Action<IRabbitMqBusFactoryConfigurator> configure) =>
        Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            cfg.Host(Host, h =>
            {
                h.Username(User);
                h.Password(Password);
            });
            // Trigger refuses commands whose user_id the broker has not verified; the bench's user is a system one.
            cfg.StampUserId(User);
            configure(cfg);
        });
}
