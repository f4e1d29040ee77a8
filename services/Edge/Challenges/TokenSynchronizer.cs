using CertMesh.Persistence.Challenges;
using Npgsql;

namespace CertMesh.Edge.Challenges;

/// <summary>
/// Loads every presented token before the Edge starts listening, then reconciles memory with the table every
/// <see cref="EdgeOptions.Resync"/>. It is registered after the bus, which has already bound this replica's
/// queue when the first snapshot is read, so no event falls between the snapshot and the subscription. The
/// periodic pass heals what events alone cannot: a temporary queue lost while RabbitMQ was unreachable, or a
/// Presented and a Removed for the same token delivered out of order by different outbox dispatchers.
/// </summary>
internal sealed partial class TokenSynchronizer(
    TokenCache cache,
    NpgsqlDataSource dataSource,
    EdgeOptions options,
    TimeProvider time,
    ILogger<TokenSynchronizer> logger) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await cache.ReloadAsync(() => Http01TokenStore.LoadAllAsync(dataSource, cancellationToken));
        LogLoaded(cache.Count);
        await base.StartAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Periodically.RunAsync(options.Resync, time, token => cache.ReloadAsync(() => Http01TokenStore.LoadAllAsync(dataSource, token)), LogResyncFailed, stoppingToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded {Count} HTTP-01 tokens")]
    partial void LogLoaded(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconciling HTTP-01 tokens with PostgreSQL failed; memory keeps what events delivered")]
    partial void LogResyncFailed(Exception exception);
}
