using CertMesh.Hosting.Bus;
using CertMesh.ChallengeSolver.Challenges;
using CertMesh.ChallengeSolver.Scheduling;
using CertMesh.Contracts.Acme;
using CertMesh.Contracts.Dns;
using CertMesh.Persistence.Database;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Xunit.Abstractions;

namespace CertMesh.ChallengeSolver.Tests.Support;

/// <summary>
/// The ChallengeSolver's own wiring (<c>AddChallengeSolving</c>) on a scratch database and the real RabbitMQ test
/// vhost, with <see cref="DnsWebhookStandIn"/> answering ChangeDnsRecord through MassTransit's real request client.
/// The stand-in and the SolveChallenge consumer listen on queues of this host's own that are bound to no message
/// exchange, and the request client and <see cref="SolveAsync"/> send there: other suites sharing the vhost neither
/// see these messages nor answer them. What the service publishes stays in the outbox table. The scheduler starts
/// with the host unless told to wait for <see cref="StartSchedulerAsync"/>.
/// </summary>
internal sealed class RabbitSolverHost : IAsyncDisposable
{
    readonly IHost _host;
    readonly Uri _solveQueue;
    readonly List<ChallengeScheduler> _schedulers = [];

    RabbitSolverHost(IHost host, Uri solveQueue)
    {
        _host = host;
        _solveQueue = solveQueue;
    }

    public IServiceProvider Services => _host.Services;
    public DnsWebhookStandIn Webhook => Services.GetRequiredService<DnsWebhookStandIn>();

    public static async Task<RabbitSolverHost> StartAsync(
        SolverDatabase database, ITestOutputHelper output, IReadOnlyDictionary<string, string?>? settings = null, bool scheduler = true)
    {
        await RabbitMqProbe.EnsureReachableAsync("certmesh-challengesolver-tests");
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["CERTMESH_REPLICA_ID"] = "test-replica",
            ["CERTMESH_SCHEDULER_POLL_MS"] = "50",
            ["CERTMESH_SELF_CHECK_INTERVAL"] = "200ms",
        }.Concat(BindServer.Dns01Settings).Concat(settings ?? new Dictionary<string, string?>())
            .GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Last().Value));
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(new TestOutputLoggerProvider(output)).SetMinimumLevel(LogLevel.Debug);
        builder.Logging.AddFilter("MassTransit", LogLevel.Warning);

        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<NpgsqlDataSource>(database.DataSource);
        services.AddSingleton<CertMeshDatabase>(database.Database);
        services.AddSingleton<DnsWebhookStandIn>();
        var id = Guid.NewGuid().ToString("N")[..8];
        var webhookQueue = $"challengesolver-tests-dns-webhook-{id}";
        var solveQueue = $"challengesolver-tests-solve-challenge-{id}";
        services.AddMassTransit(bus =>
        {
            bus.AddConsumer<TestDnsWebhookConsumer>();
            bus.AddTransactionalConsumer<SolveChallengeConsumer>(typeof(SolveChallengeConsumerDefinition));
            bus.AddRequestClient<ChangeDnsRecord>(PrivateAddress(webhookQueue));
            bus.UsingRabbitMq((context, cfg) =>
            {
                cfg.Host(TestEnvironment.RabbitMq, h =>
                {
                    h.Username(TestEnvironment.RabbitMqUser);
                    h.Password(TestEnvironment.RabbitMqPassword);
                });
                cfg.ReceiveEndpoint(webhookQueue, e => Private(e, endpoint => endpoint.ConfigureConsumer<TestDnsWebhookConsumer>(context)));
                cfg.ReceiveEndpoint(solveQueue, e => Private(e, endpoint => endpoint.ConfigureConsumer<SolveChallengeConsumer>(context)));
            });
        });
        services.Configure<MassTransitHostOptions>(o =>
        {
            o.WaitUntilStarted = true;
            o.StartTimeout = TimeSpan.FromSeconds(60);
            o.StopTimeout = TimeSpan.FromSeconds(15);
        });
        // After the bus, as in the service: the scheduler's first request finds it started.
        services.AddChallengeSolving(builder.Configuration);
        if (!scheduler)
            services.Remove(services.Single(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(ChallengeScheduler)));

        var host = builder.Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await host.StartAsync(timeout.Token);
        return new RabbitSolverHost(host, PrivateAddress(solveQueue));
    }

    // Senders declare the queue too: with the receive endpoint's properties, or the broker refuses the second declaration.
    static Uri PrivateAddress(string queue) => new($"queue:{queue}?durable=false&autodelete=true");

    static void Private(IRabbitMqReceiveEndpointConfigurator endpoint, Action<IRabbitMqReceiveEndpointConfigurator> consumers)
    {
        endpoint.ConfigureConsumeTopology = false;
        endpoint.AutoDelete = true;
        endpoint.Durable = false;
        endpoint.DiscardFaultedMessages();
        consumers(endpoint);
    }

    /// <summary>Hands the message to the real SolveChallenge consumer, through this host's own queue.</summary>
    public async Task SolveAsync(params SolveChallenge[] messages)
    {
        var endpoint = await Services.GetRequiredService<IBus>().GetSendEndpoint(_solveQueue);
        foreach (var message in messages)
            await endpoint.Send(message);
    }

    /// <summary>Starts a scheduler (one replica) on this host's wiring, for a test that first queued what it claims at once.</summary>
    public async Task StartSchedulerAsync()
    {
        var scheduler = ActivatorUtilities.CreateInstance<ChallengeScheduler>(Services);
        await scheduler.StartAsync(CancellationToken.None);
        _schedulers.Add(scheduler);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var scheduler in _schedulers)
            await scheduler.StopAsync(CancellationToken.None);
        await _host.StopAsync(CancellationToken.None);
        _host.Dispose();
    }
}
