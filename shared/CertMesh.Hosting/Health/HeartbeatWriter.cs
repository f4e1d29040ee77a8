using CertMesh.Persistence.Health;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CertMesh.Hosting.Health;

/// <summary>
/// Runs this replica's ready checks every interval and records the result in service_heartbeats, for the Api's
/// <c>/api/health</c> (<c>certmesh check api</c>). A replica whose PostgreSQL is unreachable cannot write: its row goes
/// stale, and stale is what the Api reports. A clean shutdown writes Stopped, so a stop is seen at once.
/// </summary>
internal sealed partial class HeartbeatWriter(
    HealthCheckService health, NpgsqlDataSource dataSource, IConfiguration configuration, IHostEnvironment environment,
    TimeProvider time, ILogger<HeartbeatWriter> logger) : BackgroundService
{
    static readonly TimeSpan StopWriteTimeout = TimeSpan.FromSeconds(2);

    readonly HeartbeatOptions _options = HeartbeatOptions.From(configuration, environment);
    readonly DateTimeOffset _startedAt = time.GetUtcNow();
    bool _failing;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.Interval, time);
        do
        {
            await BeatAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    async Task BeatAsync(CancellationToken stoppingToken)
    {
        // A check or a write that hangs must not hold the next beat back: each beat gets one interval.
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        bound.CancelAfter(_options.Interval);
        try
        {
            var (status, detail) = await ReadyReport.RunAsync(health, bound.Token);
            await WriteAsync(status, detail, bound.Token);
            if (_failing)
                LogRecovered();
            _failing = false;
        }
        catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
        {
            // Once per outage, not every few seconds: the stale row already says it to whoever asks.
            if (!_failing)
                LogFailed(exception);
            _failing = true;
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(StopWriteTimeout);
        try
        {
            await WriteAsync(Heartbeat.Stopped, "shut down", bound.Token);
        }
        catch (Exception exception) when (exception is NpgsqlException or OperationCanceledException or TimeoutException)
        {
            // Nothing to do: the row goes stale instead, which is reported too.
        }
    }

    Task WriteAsync(string status, string detail, CancellationToken cancellationToken) =>
        ServiceHeartbeats.BeatAsync(dataSource, _options.Service, _options.Replica, status, detail, _startedAt, HeartbeatOptions.Retention, cancellationToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Heartbeat not recorded; the Api reports this replica as stale until it is")]
    partial void LogFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Heartbeat recorded again")]
    partial void LogRecovered();
}
