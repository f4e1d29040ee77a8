using System.Diagnostics;

namespace CertMesh.Bench.Resources;

/// <summary>
/// What the stack spent during the measured part of a run: <see cref="StartAsync"/> just before the first publish,
/// <see cref="StopAsync"/> at the last CertificateIssued. The counters command runs outside that window (before the
/// CPU snapshot at the start, after it at the end), so its own cost is not counted.
/// </summary>
internal sealed class StackMeter(ComponentCpu? cpu, StackCounters? counters)
{
    ComponentCpu.Snapshot? cpuStart;
    IReadOnlyList<(string Name, double Value)>? countersStart;
    string? countersError;
    long startedAt;

    public static StackMeter FromEnvironment(string self = "bench") => new(ComponentCpu.FromEnvironment(self), StackCounters.FromEnvironment());

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (counters is not null)
            (countersStart, countersError) = await counters.ReadAsync(cancellationToken);
        cpuStart = cpu?.Take();
        startedAt = Stopwatch.GetTimestamp();
    }

    public async Task<StackUsage> StopAsync(CancellationToken cancellationToken)
    {
        var window = Stopwatch.GetElapsedTime(startedAt);
        var cpuEnd = cpu?.Take();
        IReadOnlyList<(string, double)>? counterDeltas = null;
        if (counters is not null && countersStart is not null)
        {
            var (end, error) = await counters.ReadAsync(cancellationToken);
            countersError ??= error;
            if (end is not null)
            {
                var before = countersStart.ToDictionary(c => c.Name, c => c.Value);
                counterDeltas = [.. end.Where(c => before.ContainsKey(c.Name)).Select(c => (c.Name, c.Value - before[c.Name]))];
            }
        }

        var components = cpu is null || cpuStart is null || cpuEnd is null
            ? []
            : cpu.Components.Select(c => (c.Name, cpuStart.Seconds[c.Name] is { } from && cpuEnd.Seconds[c.Name] is { } to ? to - from : (double?)null)).ToList();
        return new StackUsage(window, components,
            cpuStart is null || cpuEnd is null ? null : cpuEnd.MachineBusySeconds - cpuStart.MachineBusySeconds, cpuEnd?.Cpus ?? 0,
            counterDeltas, counters is null ? null : Path.GetFileName(counters.Command), countersError);
    }
}

/// <summary>
/// The stack's use over one window: CPU seconds per component (null when its process was gone at either end, e.g. a
/// service restarted), the whole machine's busy CPU seconds, and the counters' increase.
/// </summary>
internal sealed record StackUsage(
    TimeSpan Window,
    IReadOnlyList<(string Name, double? CpuSeconds)> Components,
    double? MachineBusySeconds,
    int Cpus,
    IReadOnlyList<(string Name, double Delta)>? Counters,
    string? CountersSource,
    string? CountersError);
