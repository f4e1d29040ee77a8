using CertMesh.Persistence.Database;
using CertMesh.Persistence.Sagas;
using CertMesh.Persistence.Tests.Support;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CertMesh.Persistence.Tests.Sagas;

public sealed record CounterRow(string State, int Count, int Version);

/// <summary>
/// The counter saga on the PostgreSQL repository and the real RabbitMQ test vhost, wired as BusRegistration wires a
/// service (kebab-case endpoints, the same exponential retry that replays ConcurrencyException on fresh state),
/// with a deliberately wide endpoint so events for one instance really are handled concurrently.
/// </summary>
public sealed class SagaHostFixture : IAsyncLifetime
{
    public const int ConcurrentMessageLimit = 16;
    TestDatabase? _db;
    IHost? _host;

    public TestDatabase Db => _db ?? throw new InvalidOperationException("the fixture is not initialized");
    public IBus Bus { get; private set; } = null!;
    public ConsumeRecorder Consumed { get; } = new();
    public RetryRecorder Retries { get; } = new();

    public async Task InitializeAsync()
    {
        await RabbitMqProbe.EnsureReachableAsync("certmesh-persistence-tests");
        _db = await TestDatabase.CreateAsync();

        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(_db.DataSource);
        services.AddSingleton(_db.Cipher);
        services.AddSingleton(_db.Signal);
        services.AddSingleton<CertMeshDatabase>();

        var endpoint = "persistence-tests-counter-saga-" + Guid.NewGuid().ToString("N")[..8];
        services.AddMassTransit(x =>
        {
            x.SetKebabCaseEndpointNameFormatter();
            x.AddSagaStateMachine<CounterStateMachine, CounterSaga>()
                .PostgresRepository()
                .Endpoint(e =>
                {
                    e.Name = endpoint;
                    e.Temporary = true;
                    e.ConcurrentMessageLimit = ConcurrentMessageLimit;
                    e.PrefetchCount = 2 * ConcurrentMessageLimit;
                });
            // A failed message must not pile up in an error queue of the shared test vhost.
            x.AddConfigureEndpointsCallback((_, cfg) => cfg.DiscardFaultedMessages());
            x.UsingRabbitMq((context, cfg) =>
            {
                cfg.Host(TestEnvironment.RabbitMq, h =>
                {
                    h.Username(TestEnvironment.RabbitMqUser);
                    h.Password(TestEnvironment.RabbitMqPassword);
                });
                // BusRegistration's policy, except that the tests' deliberate failure is not retried.
                cfg.UseMessageRetry(r =>
                {
                    r.Ignore<SimulatedFailureException>();
                    r.ConnectRetryObserver(Retries);
                    r.Exponential(12, TimeSpan.FromMilliseconds(20), TimeSpan.FromSeconds(3), TimeSpan.FromMilliseconds(50));
                });
                cfg.ConfigureEndpoints(context);
            });
        });
        services.Configure<MassTransitHostOptions>(o =>
        {
            o.WaitUntilStarted = true;
            o.StartTimeout = TimeSpan.FromSeconds(60);
            o.StopTimeout = TimeSpan.FromSeconds(15);
        });

        _host = builder.Build();
        Bus = _host.Services.GetRequiredService<IBus>();
        Bus.ConnectConsumeObserver(Consumed);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await _host.StartAsync(timeout.Token);
    }

    public async Task<CounterRow?> LoadAsync(Guid correlationId)
    {
        await using var command = Db.DataSource.CreateCommand(
            "SELECT state->>'currentState', (state->>'count')::int, version FROM sagas WHERE saga_type = @type AND correlation_id = @id");
        command.Parameters.AddWithValue("type", typeof(CounterSaga).FullName!);
        command.Parameters.AddWithValue("id", correlationId);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? new CounterRow(reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2)) : null;
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.StopAsync(CancellationToken.None);
            _host.Dispose();
        }
        if (_db is not null)
            await _db.DisposeAsync();
    }
}
