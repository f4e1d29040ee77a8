using CertMesh.ChallengeSolver.Challenges;
using CertMesh.ChallengeSolver.Cleanup;
using CertMesh.ChallengeSolver.Scheduling;
using CertMesh.ChallengeSolver.SelfCheck;
using CertMesh.ChallengeSolver.Solvers;
using CertMesh.ChallengeSolver.Solving;
using CertMesh.Hosting;
using CertMesh.Hosting.Acme;
using MassTransit;

namespace CertMesh.ChallengeSolver;

internal static class Extensions
{
    public static void AddChallengeSolverServices(this WebApplicationBuilder builder)
    {
        builder.AddCertMeshDefaults(bus =>
        {
            bus.AddConsumer<SolveChallengeConsumer>(typeof(SolveChallengeConsumerDefinition));
            bus.AddConsumer<ChallengeCleanupConsumer>();
        });
        builder.Services.AddChallengeSolving(builder.Configuration);
    }

    /// <summary>Everything but the bus and the database: the scheduler, the worker, solvers and self-checks.</summary>
    internal static IServiceCollection AddChallengeSolving(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(SchedulerOptions.From(configuration));
        services.AddSingleton(SelfCheckOptions.From(configuration));
        services.AddSingleton<SchedulerSignal>();
        services.AddSingleton<AcmeClients>();
        services.AddSingleton<AcmeAccess>();
        services.AddSingleton(provider => new Http01SelfCheck(SelfCheckHttp.Create(provider.GetRequiredService<SelfCheckOptions>())));
        services.AddSingleton<IChallengeSolver, Http01Solver>();
        services.AddSingleton<SolverRegistry>();
        services.AddSingleton<ChallengeRecorder>();
        services.AddSingleton<IChallengeProcessor, ChallengeWorker>();
        // Registered after the bus and the schema initializer (in AddCertMeshDefaults): it starts on a ready schema.
        services.AddHostedService<ChallengeScheduler>();
        return services;
    }
}
