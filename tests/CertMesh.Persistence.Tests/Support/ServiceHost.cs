using System.Security.Cryptography;
using CertMesh.Hosting;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CertMesh.Persistence.Tests.Support;

/// <summary>
/// A service host as production builds it (<see cref="ServiceDefaults.AddCertMeshDefaults"/>): schema initializer, bus on
/// the test vhost, outbox dispatcher, over <paramref name="database"/>, with the consumers and services a fixture adds.
/// </summary>
public static class ServiceHost
{
    public static async Task<IHost> StartAsync(TestDatabase database, Action<IBusRegistrationConfigurator> bus, Action<IServiceCollection>? services = null)
    {
        var builder = Host.CreateApplicationBuilder();
        // Added last, so these win over any CERTMESH_* variable of a dev shell.
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["CERTMESH_POSTGRES"] = database.ConnectionString,
            ["CERTMESH_RABBITMQ"] = TestEnvironment.RabbitMq.ToString(),
            ["CERTMESH_RABBITMQ_USER"] = TestEnvironment.RabbitMqUser,
            ["CERTMESH_RABBITMQ_PASSWORD"] = TestEnvironment.RabbitMqPassword,
            ["CERTMESH_SECRET_KEY"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        });
        builder.AddCertMeshDefaults(bus);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        services?.Invoke(builder.Services);

        var host = builder.Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await host.StartAsync(timeout.Token);
        return host;
    }
}
