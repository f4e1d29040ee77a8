namespace CertMesh.Edge.Tls;

/// <summary>
/// Loads every served certificate before the Edge starts listening, then reconciles memory with the Secrets table
/// every <see cref="TlsOptions.Resync"/>. Registered after the bus, whose queue is bound before the first listing, so
/// no event falls between the two. The slow pass heals what events alone cannot: a temporary queue lost while
/// RabbitMQ was unreachable, a Secret written or removed by hand, events delivered out of order.
/// </summary>
internal sealed partial class CertificateSynchronizer(
    CertificateLoader loader,
    CertificateStore store,
    TlsOptions options,
    TimeProvider time,
    ILogger<CertificateSynchronizer> logger) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await loader.ReconcileAsync(cancellationToken);
        LogLoaded(store.Certificates.Count, string.Join(",", options.Namespaces));
        await base.StartAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Periodically.RunAsync(options.Resync, time, loader.ReconcileAsync, LogResyncFailed, stoppingToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "TLS: loaded {Count} certificates from namespaces {Namespaces}")]
    partial void LogLoaded(int count, string namespaces);

    [LoggerMessage(Level = LogLevel.Warning, Message = "TLS: reconciling certificates with PostgreSQL failed; memory keeps what events delivered")]
    partial void LogResyncFailed(Exception exception);
}
