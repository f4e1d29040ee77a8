using CertMesh.Client.Configuration;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CertMesh.Client.Bus;

/// <summary>
/// The client's bus, as CertMesh's README has an application set it up with its own RabbitMQ user: <c>user_id</c> on
/// everything it sends (the broker verifies it, CertMesh authorizes by it), and every queue named <c>&lt;user&gt;.…</c>
/// (the only names its permissions allow), the request clients' temporary response endpoint included.
/// </summary>
internal static class ClientBusRegistration
{
    public static void AddCertMeshBus(this IServiceCollection services)
    {
        services.AddMassTransit<ICertMeshBus>(x =>
        {
            x.AddConsumer<CertificateIssuedConsumer>();
            x.AddConsumer<CertificateIssuanceFailedConsumer>();
            x.AddConsumer<CertificateRenewalRequestedConsumer>();
            x.UsingRabbitMq((context, cfg) =>
            {
                var options = context.GetRequiredService<IOptions<CertMeshOptions>>().Value;
                var rabbit = options.RabbitMq;
                var user = rabbit.Username;
                cfg.Host(rabbit.Host, (ushort)rabbit.Port, rabbit.VirtualHost, h =>
                {
                    h.Username(user);
                    h.Password(rabbit.Password);
                });
                cfg.ConfigureSend(send => send.UseExecute(c => StampUserId(c, user)));
                cfg.ConfigurePublish(publish => publish.UseExecute(c => StampUserId(c, user)));
                cfg.OverrideDefaultBusEndpointQueueName($"{user}.bus-{NewId.NextGuid():N}");
                var application = context.GetService<IHostEnvironment>()?.ApplicationName ?? "app";
                // Durable and not auto-deleted: a revision or a renewal request published while the application is
                // down waits here for it.
                cfg.ReceiveEndpoint(options.QueueName ?? $"{user}.certmesh-client-{Kebab(application)}", e =>
                {
                    e.ConfigureConsumer<CertificateIssuedConsumer>(context);
                    e.ConfigureConsumer<CertificateIssuanceFailedConsumer>(context);
                    e.ConfigureConsumer<CertificateRenewalRequestedConsumer>(context);
                });
            });
        });
    }

    static void StampUserId(PipeContext context, string user)
    {
        if (context.TryGetPayload(out RabbitMqSendContext? rabbit))
        {
            rabbit.BasicProperties.UserId = user;
        }
    }

    static string Kebab(string application)
    {
        var name = new string(application.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
        return name.Length == 0 ? "app" : name;
    }
}
