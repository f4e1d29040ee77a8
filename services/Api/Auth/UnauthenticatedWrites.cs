using System.Collections.Concurrent;
using CertMesh.Hosting.Audit;
using CertMesh.Persistence.Audit;

namespace CertMesh.Api.Auth;

/// <summary>
/// Refused writes without a valid token, audited without letting a flood write (or crowd out) the audit log: per source
/// address, the first in each <see cref="Window"/> is recorded as it happens and the rest as one line with their count
/// when the window closes. At most <see cref="MaxSources"/> addresses are tracked; beyond that they share one line.
/// </summary>
internal sealed partial class UnauthenticatedWrites(AuditTrail trail, TimeProvider time, ILogger<UnauthenticatedWrites> logger) : BackgroundService
{
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(10);
    const int MaxSources = 1000;
    const string Other = "other addresses";

    readonly ConcurrentDictionary<string, Tally> _sources = new(StringComparer.Ordinal);

    sealed class Tally(DateTimeOffset start)
    {
        public DateTimeOffset Start = start;
        public int Suppressed;
        public string? LastWhat;
    }

    public void Refused(string source, string actor, string verb, string message)
    {
        var now = time.GetUtcNow();
        var key = _sources.Count >= MaxSources && !_sources.ContainsKey(source) ? Other : source;
        var tally = _sources.GetOrAdd(key, _ => new Tally(now.AddTicks(-Window.Ticks)));
        bool first;
        lock (tally)
        {
            if (now - tally.Start >= Window)
            {
                Flush(key, tally, now);
                tally.Start = now;
                first = true;
            }
            else
            {
                tally.Suppressed++;
                tally.LastWhat = verb;
                first = false;
            }
        }
        if (first)
            trail.Record(new AuditEntry(now, actor, AuditChannels.Api, verb, "", "", "", AuditOutcomes.Unauthorized, $"{message}; from {source}"));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Window, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var now = time.GetUtcNow();
            foreach (var (key, tally) in _sources)
            {
                lock (tally)
                {
                    if (now - tally.Start < Window)
                        continue;
                    Flush(key, tally, now);
                }
                // Quiet sources are forgotten, so the table holds only those refused lately.
                if (tally.Suppressed == 0)
                    _sources.TryRemove(KeyValuePair.Create(key, tally));
            }
        }
    }

    void Flush(string source, Tally tally, DateTimeOffset now)
    {
        if (tally.Suppressed == 0)
            return;
        trail.Record(new AuditEntry(now, "anonymous", AuditChannels.Api, tally.LastWhat ?? "", "", "", "", AuditOutcomes.Unauthorized,
            $"{tally.Suppressed} more writes without a valid token from {source} since {tally.Start:O}"));
        LogFlood(tally.Suppressed, source);
        tally.Suppressed = 0;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} writes without a valid token from {Source} in the last window")]
    partial void LogFlood(int count, string source);
}
