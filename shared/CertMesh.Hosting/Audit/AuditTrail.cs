using System.Threading.Channels;
using CertMesh.Persistence.Audit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using CertMesh.Persistence.Database;

namespace CertMesh.Hosting.Audit;

/// <summary>
/// Audit lines recorded outside a unit of work (a refused Api call changes nothing, so there is no transaction to join),
/// written in batches by one background loop. The queue is bounded: a flood of refused calls costs at most one insert
/// per batch, and past <see cref="Capacity"/> waiting lines new ones are counted as dropped rather than held in memory.
/// </summary>
public sealed partial class AuditTrail(CertMeshDatabase database, ILogger<AuditTrail> logger) : BackgroundService
{
    public const int Capacity = 10_000;
    const int BatchSize = 500;

    readonly Channel<AuditEntry> _queue = Channel.CreateBounded<AuditEntry>(new BoundedChannelOptions(Capacity)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });
    long _dropped;

    public void Record(AuditEntry entry)
    {
        if (!_queue.Writer.TryWrite(entry))
            Interlocked.Increment(ref _dropped);
    }

    /// <summary>Waits until every line recorded so far is written (tests and shutdown).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        while (_queue.Reader.Count > 0 || Volatile.Read(ref _writing))
            await Task.Delay(20, cancellationToken);
    }

    bool _writing;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<AuditEntry>(BatchSize);
        // A batch kept after a failed write is retried before waiting for anything new.
        while (batch.Count > 0 || await _queue.Reader.WaitToReadAsync(stoppingToken))
        {
            Volatile.Write(ref _writing, true);
            while (batch.Count < BatchSize && _queue.Reader.TryRead(out var entry))
                batch.Add(entry);
            try
            {
                await using var connection = await database.DataSource.OpenConnectionAsync(stoppingToken);
                await AuditLog.WriteAsync(connection, null, batch, stoppingToken);
                batch.Clear();
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                // The database is away: keep the batch and try again shortly; new lines wait in the bounded queue.
                LogWriteFailed(exception, batch.Count);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
            finally
            {
                Volatile.Write(ref _writing, false);
            }
            if (Interlocked.Exchange(ref _dropped, 0) is > 0 and var dropped)
                LogDropped(dropped);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing {Count} audit lines failed; retrying")]
    partial void LogWriteFailed(Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The audit queue was full: {Count} lines were dropped")]
    partial void LogDropped(long count);
}
