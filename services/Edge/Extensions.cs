using CertMesh.Edge.Certificates;
using CertMesh.Edge.Challenges;
using CertMesh.Edge.Routing;
using CertMesh.Edge.Tls;
using CertMesh.Hosting;
using MassTransit;
using OpenTelemetry.Instrumentation.AspNetCore;
using Yarp.ReverseProxy.Configuration;

namespace CertMesh.Edge;

internal static class Extensions
{
    public static void AddEdgeServices(this WebApplicationBuilder builder)
    {
        // Every replica must see every token event, so its consumer gets a queue of its own: temporary (auto-delete,
        // not durable), named with this process's instance id. A shared queue would hand each event to one replica.
        var instanceId = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}".ToLowerInvariant();
        void OwnQueue(IEndpointRegistrationConfigurator endpoint)
        {
            endpoint.InstanceId = instanceId;
            endpoint.Temporary = true;
        }
        var tls = builder.ReadTlsOptions();
        builder.AddCertMeshDefaults(bus =>
        {
            bus.AddConsumer<TokenEventsConsumer>().Endpoint(OwnQueue);
            bus.AddTlsConsumers(tls, OwnQueue);
        });
        builder.Logging.AddFilter("Yarp", LogLevel.Warning); // YARP logs every forwarded request at Information
        // YARP registers data protection for cookie session affinity; with no key store configured it warns at
        // every start that its throwaway key is unencrypted. No CertMesh route relies on affinity cookies.
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        // Forwarded requests are the Edge's hot path and no part of an issuance: no server span for them (nor, through the
        // parent-based sampler, for the forwarded call). Its bus work (token and certificate events) is still traced.
        builder.Services.Configure<AspNetCoreTraceInstrumentationOptions>(o => o.Filter = _ => false);

        var services = builder.Services;
        services.AddSingleton(EdgeOptions.From(builder.Configuration, builder.Environment.ContentRootPath));
        services.AddSingleton<TokenCache>();
        services.AddSingleton<TokenLookup>();
        // Registered after the bus (inside AddCertMeshDefaults): the queue is bound before the first snapshot is read.
        services.AddHostedService<TokenSynchronizer>();
        builder.AddEdgeTls(tls); // after the bus too, for the same reason

        services.AddReverseProxy();
        services.AddSingleton<RouteValidator>();
        services.AddSingleton<IProxyConfigProvider, FileProxyConfigProvider>();
        services.AddRouteCertificates(builder.Configuration);
    }

    public static void UseEdge(this WebApplication app)
    {
        // Challenges first, ahead of routing: the hot path never pays for endpoint matching or the proxy.
        app.UseMiddleware<ChallengeResponder>();
        app.UseRouting();
        app.UseMiddleware<HttpsRedirect>(); // after routing: it redirects only for the route a request matched
        app.MapCertMeshHealth();
        app.MapReverseProxy();
    }
}
