using CertMesh.ChallengeSolver.Challenges;
using CertMesh.ChallengeSolver.Cleanup;
using CertMesh.ChallengeSolver.Scheduling;
using CertMesh.ChallengeSolver.SelfCheck;
using CertMesh.ChallengeSolver.Solvers;
using CertMesh.ChallengeSolver.Solving;
using CertMesh.Contracts.Dns;
using CertMesh.Dns.Resolver;
using CertMesh.Dns.Zones;
using CertMesh.Hosting;
using CertMesh.Hosting.Bus;
using CertMesh.Acme.Hosting;
using MassTransit;
using Microsoft.Extensions.DependencyInjection.Extensions;

using CertMesh.ChallengeSolver.Metrics;
using CertMesh.Hosting.Metrics;

namespace CertMesh.ChallengeSolver;

internal static class Extensions
{
    public static void AddChallengeSolverServices(this WebApplicationBuilder builder)
    {
        builder.AddCertMeshDefaults(bus =>
        {
            bus.AddTransactionalConsumer<SolveChallengeConsumer>(typeof(SolveChallengeConsumerDefinition));
            bus.AddTransactionalConsumer<ChallengeCleanupConsumer>();
            // DNS-01 values are added and removed by DnsWebhook; the request is published, its consumer answers.
            bus.AddRequestClient<ChangeDnsRecord>();
        });
        builder.Services.AddChallengeSolving(builder.Configuration);
        // ChallengeSolver owns Challenges: its leading replica exports their status.
        builder.Services.AddResourceSeries<ChallengeSeries>();
        builder.Services.AddHostedService<ChallengeQueueGauges>();
    }

    /// <summary>Everything but the bus and the database: the scheduler, the worker, solvers and self-checks.</summary>
    internal static IServiceCollection AddChallengeSolving(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(SchedulerOptions.From(configuration));
        services.AddSingleton(SelfCheckOptions.From(configuration));
        services.AddSingleton<SchedulerSignal>();
        services.AddAcmeClients();
        services.AddSingleton<AcmeAccess>();
        services.AddSingleton(provider => new Http01SelfCheck(SelfCheckHttp.Create(provider.GetRequiredService<SelfCheckOptions>())));
        services.AddSingleton<IChallengeSolver, Http01Solver>();
        services.AddDns01Solving(configuration);
        services.AddSingleton<SolverRegistry>();
        services.AddSingleton<ChallengeRecorder>();
        // The service's defaults register the registry; a test host wiring only this part gets one here.
        services.TryAddSingleton<CertMeshMetrics>();
        services.AddSingleton<Dns01PropagationMetrics>();
        services.AddSingleton<IChallengeProcessor, ChallengeWorker>();
        // Registered after the bus and the schema initializer (in AddCertMeshDefaults): it starts on a ready schema.
        services.AddHostedService<ChallengeScheduler>();
        return services;
    }

    /// <summary>DNS-01: zone discovery on the recursive nameservers, DnsWebhook's request client, the propagation check.</summary>
    static void AddDns01Solving(this IServiceCollection services, IConfiguration configuration)
    {
        var options = Dns01Options.From(configuration);
        services.AddSingleton(options);
        services.AddSingleton<IDnsResolver>(new DnsResolver());
        services.AddSingleton(provider => new RecursiveLookup(provider.GetRequiredService<IDnsResolver>(), options.RecursiveNameservers));
        services.AddSingleton<ZoneFinder>();
        services.AddSingleton<CnameFollower>();
        services.AddSingleton<ZoneNameservers>();
        services.AddSingleton<Dns01Locator>();
        services.AddSingleton<Dns01SelfCheck>();
        services.AddSingleton<DnsWebhookClient>();
        services.AddSingleton<IChallengeSolver, Dns01Solver>();
    }
}
