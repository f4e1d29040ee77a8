using CertMesh.Contracts;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace CertMesh.Integration.Tests.Support;

/// <summary>
/// An application's service written as README.md "An application's own RabbitMQ user" shows: its own RabbitMQ user,
/// only CertMesh.Contracts and MassTransit. <see cref="Configure"/> is the README's code, line for line; keep them equal.
/// </summary>
internal sealed class ReadmeApplication : IAsyncDisposable
{
    readonly ServiceProvider _provider;

    public EventRecorder Events { get; }
    public IBus Bus { get; }

    ReadmeApplication(ServiceProvider provider)
    {
        _provider = provider;
        Events = provider.GetRequiredService<EventRecorder>();
        Bus = provider.GetRequiredService<IBus>();
    }

    public static async Task<ReadmeApplication> StartAsync(string user, string password)
    {
        var services = new ServiceCollection();
        var events = new EventRecorder();
        services.AddSingleton(events);
        Configure(services, TestEnvironment.RabbitMq, user, password);
        var provider = services.BuildServiceProvider();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await provider.GetRequiredService<IBusControl>().StartAsync(timeout.Token);
        }
        catch
        {
            await provider.DisposeAsync();
            throw;
        }
        return new ReadmeApplication(provider);
    }

    static void Configure(IServiceCollection services, Uri rabbitMq, string user, string password)
    {
        services.AddMassTransit(x =>
        {
            x.AddConsumer<IssuedRecorderConsumer>();
            x.UsingRabbitMq((context, cfg) =>
            {
                cfg.Host(rabbitMq, h =>
                {
                    h.Username(user);
                    h.Password(password);
                });
                // 1. Every message carries user_id: RabbitMQ checks it against this connection's user, so Trigger knows
                //    who sent a command. A message without it is refused.
                cfg.ConfigureSend(send => send.UseExecute(c =>
                {
                    if (c.TryGetPayload(out RabbitMqSendContext? rabbit))
                        rabbit.BasicProperties.UserId = user;
                }));
                cfg.ConfigurePublish(publish => publish.UseExecute(c =>
                {
                    if (c.TryGetPayload(out RabbitMqSendContext? rabbit))
                        rabbit.BasicProperties.UserId = user;
                }));
                // 2. Queues and exchanges of its own start with "<user>.": the only names its permissions allow, the
                //    temporary response endpoint of request clients included.
                cfg.OverrideDefaultBusEndpointQueueName($"{user}.bus-{NewId.NextGuid():N}");
                cfg.ReceiveEndpoint($"{user}.certificates", e => e.ConfigureConsumer<IssuedRecorderConsumer>(context));
            });
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _provider.GetRequiredService<IBusControl>().StopAsync();
        await _provider.DisposeAsync();
    }
}
