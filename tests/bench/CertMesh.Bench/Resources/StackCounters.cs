using System.Diagnostics;
using System.Globalization;

namespace CertMesh.Bench.Resources;

/// <summary>
/// Counters of the stack read by an outside command (CERTMESH_BENCH_COUNTERS, run.sh points it at lib/pg-counters.sh),
/// which prints one "name value" per line. The bench takes no database driver: it only diffs what the command prints.
/// </summary>
internal sealed class StackCounters(string command)
{
    static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(10);

    public string Command => command;

    public static StackCounters? FromEnvironment() =>
        Environment.GetEnvironmentVariable("CERTMESH_BENCH_COUNTERS") is { Length: > 0 } command ? new StackCounters(command) : null;

    /// <summary>The counters now, in the order printed; null (and the reason in <paramref name="error"/>) if the command failed.</summary>
    public async Task<(IReadOnlyList<(string Name, double Value)>? Values, string? Error)> ReadAsync(CancellationToken cancellationToken)
    {
        using var process = Process.Start(new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false });
        if (process is null)
            return (null, $"could not start {command}");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CommandTimeout);
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            process.Kill();
            return (null, $"{command} took longer than {CommandTimeout.TotalSeconds:F0} s");
        }
        if (process.ExitCode != 0)
            return (null, $"{command} exited with {process.ExitCode}: {(await stderr).Trim()}");
        var values = new List<(string, double)>();
        foreach (var line in (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 2 && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                values.Add((parts[0], value));
        }
        return (values, null);
    }
}
