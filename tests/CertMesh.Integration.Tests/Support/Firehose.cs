using System.Collections.Concurrent;
using System.Diagnostics;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace CertMesh.Integration.Tests.Support;

/// <summary>
/// RabbitMQ's firehose on the suite's vhost: every message published to and delivered from any exchange or queue,
/// copied to <c>amq.rabbitmq.trace</c>, captured by a queue bound with <c>#</c>. Tracing is turned off on dispose.
/// </summary>
internal sealed class Firehose : IAsyncDisposable
{
    readonly IConnection _connection;
    readonly IChannel _channel;
    public ConcurrentQueue<(string RoutingKey, byte[] Body)> Messages { get; } = new();

    Firehose(IConnection connection, IChannel channel)
    {
        _connection = connection;
        _channel = channel;
    }

    public static async Task<Firehose> StartAsync()
    {
        await RabbitMqCtlAsync("trace_on", "-p", AppUsers.VirtualHost);
        try
        {
            var factory = new ConnectionFactory
            {
                HostName = TestEnvironment.RabbitMq.Host,
                Port = TestEnvironment.RabbitMq.Port,
                VirtualHost = AppUsers.VirtualHost,
                UserName = TestEnvironment.RabbitMqUser,
                Password = TestEnvironment.RabbitMqPassword,
            };
            var connection = await factory.CreateConnectionAsync("certmesh-it-firehose");
            var channel = await connection.CreateChannelAsync();
            var queue = (await channel.QueueDeclareAsync("", durable: false, exclusive: true, autoDelete: true)).QueueName;
            await channel.QueueBindAsync(queue, "amq.rabbitmq.trace", "#");
            var firehose = new Firehose(connection, channel);
            var consumer = new AsyncEventingBasicConsumer(channel);
            consumer.ReceivedAsync += (_, delivery) =>
            {
                firehose.Messages.Enqueue((delivery.RoutingKey, delivery.Body.ToArray()));
                return Task.CompletedTask;
            };
            await channel.BasicConsumeAsync(queue, autoAck: true, consumer);
            return firehose;
        }
        catch
        {
            await RabbitMqCtlAsync("trace_off", "-p", AppUsers.VirtualHost);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _channel.CloseAsync();
            await _connection.CloseAsync();
        }
        finally
        {
            await RabbitMqCtlAsync("trace_off", "-p", AppUsers.VirtualHost);
        }
    }

    /// <summary>rabbitmqctl against the node infra-up.sh started (as user rabbitmq, with the node's cookie), through
    /// the same helper the scripts use.</summary>
    static async Task RabbitMqCtlAsync(params string[] arguments)
    {
        var lib = Path.Combine(TestEnvironment.RepositoryRoot, "deploy", "local", "lib");
        var script = $"set -e; source '{lib}/common.sh'; source '{lib}/rabbitmq.sh'; set_state_dir \"${{CERTMESH_STATE_DIR:-}}\"; rabbitmqctl_ \"$@\"";
        var info = new ProcessStartInfo("bash", ["-c", script, "rabbitmqctl", .. arguments]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"rabbitmqctl {string.Join(' ', arguments)} failed ({process.ExitCode}): {await output}{await error}");
    }
}
