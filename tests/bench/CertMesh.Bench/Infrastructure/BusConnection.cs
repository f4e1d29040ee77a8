using CertMesh.Hosting.Bus;
using MassTransit;

namespace CertMesh.Bench.Infrastructure;

/// <summary>Where CertMesh's RabbitMQ is, read from the same variables the services use (deploy/local/.state/env), and
/// as whom the bench connects: the services' own (system) user, or an application's user whose names must start with
/// its prefix (its RabbitMQ permissions allow nothing else, see deploy/local/add-app-user.sh).</summary>
internal sealed record BusConnection(Uri Host, string User, string Password, bool IsApplication = false)
{
    /// <summary>A queue name the user may declare: an application's carry its "user." prefix.</summary>
    public string QueueName(string name) => IsApplication ? $"{User}.{name}" : name;

    /// <summary>The same broker as <paramref name="user"/>, an application's user.</summary>
    public BusConnection AsApplication(string user, string password) => this with { User = user, Password = password, IsApplication = true };

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
            if (IsApplication)
                cfg.OverrideDefaultBusEndpointQueueName(QueueName($"bus-{NewId.NextGuid():N}"));
            configure(cfg);
        });
}
