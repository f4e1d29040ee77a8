using RabbitMQ.Client;

namespace CertMesh.Integration.Tests.Support;

/// <summary>
/// An application's durable receive queue, deleted (as the suite's admin user) when the test is done: the application
/// is gone for good then, and its queue would otherwise collect the events of every later run.
/// </summary>
internal sealed class AppQueue(string name) : IAsyncDisposable
{
    public async ValueTask DisposeAsync()
    {
        var factory = new ConnectionFactory
        {
            HostName = TestEnvironment.RabbitMq.Host,
            Port = TestEnvironment.RabbitMq.Port,
            VirtualHost = AppUsers.VirtualHost,
            UserName = TestEnvironment.RabbitMqUser,
            Password = TestEnvironment.RabbitMqPassword,
        };
        await using var connection = await factory.CreateConnectionAsync("certmesh-it-app-queue-cleanup");
        await using var channel = await connection.CreateChannelAsync();
        await channel.QueueDeleteAsync(name);
        // MassTransit also declared an exchange of the same name for the endpoint.
        await channel.ExchangeDeleteAsync(name);
    }
}
