using CertMesh.Hosting.Bus;
using CertMesh.ChallengeSolver.Challenges;
using CertMesh.ChallengeSolver.Scheduling;
using CertMesh.Persistence.Database;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Xunit.Abstractions;

namespace CertMesh.ChallengeSolver.Tests.Support;

/// <summary>
/// The ChallengeSolver's own wiring (<c>AddChallengeSolving</c>) on a scratch database, with MassTransit's in-memory
/// test harness in place of RabbitMQ: messages go to the real consumer, and what the service publishes stays in
/// the outbox table where the tests read it. The harness starts the hosted services, so the scheduler runs
/// unless a test leaves it out (to look at what the consumer alone did).
/// </summary>
internal sealed class SolverHost : IAsyncDisposable
{
    readonly ServiceProvider _provider;

    SolverHost(ServiceProvider provider) => _provider = provider;

    public ITestHarness Harness => _provider.GetRequiredService<ITestHarness>();
    public IServiceProvider Services => _provider;

    public static async Task<SolverHost> StartAsync(SolverDatabase database, ITestOutputHelper output, IReadOnlyDictionary<string, string?>? settings = null, bool scheduler = true)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["CERTMESH_REPLICA_ID"] = "test-replica",
            ["CERTMESH_SCHEDULER_POLL_MS"] = "50",
            ["CERTMESH_SELF_CHECK_INTERVAL"] = "200ms",
        }.Concat(settings ?? new Dictionary<string, string?>()).GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Last().Value)).Build();

        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(logging => logging.AddProvider(new TestOutputLoggerProvider(output)).SetMinimumLevel(LogLevel.Debug));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<NpgsqlDataSource>(database.DataSource);
        services.AddSingleton<CertMeshDatabase>(database.Database);
        services.AddChallengeSolving(configuration);
        if (!scheduler)
            services.Remove(services.Single(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(ChallengeScheduler)));
        services.AddMassTransitTestHarness(bus => bus.AddTransactionalConsumer<SolveChallengeConsumer>(typeof(SolveChallengeConsumerDefinition)));
        var provider = services.BuildServiceProvider();
        var host = new SolverHost(provider);
        await host.Harness.Start();
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        await Harness.Stop();
        await _provider.DisposeAsync();
    }
}
