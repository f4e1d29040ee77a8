using System.Diagnostics;

namespace CertMesh.Integration.Tests.Support;

/// <summary>
/// What a test prints when the stack stops making progress: whether Pebble's store still answers (Pebble 2.4 can
/// deadlock its store lock for good; its directory keeps answering, so only a store read tells), and the last
/// warnings and errors of every service process.
/// </summary>
internal static class StallReport
{
    static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);
    const int LinesPerService = 8;

    public static async Task<string> DescribeAsync(StackFixture stack)
    {
        var lines = new List<string> { "--- stall report", await PebbleStoreAsync() };
        foreach (var log in Directory.EnumerateFiles(stack.LogDirectory, "*.log").Order())
        {
            var interesting = File.ReadLines(log).Where(l => l.Contains(" warn: ") || l.Contains(" fail: ") || l.Contains(" crit: ")).TakeLast(LinesPerService).ToList();
            if (interesting.Count == 0)
                continue;
            lines.Add($"{Path.GetFileName(log)} (last {interesting.Count} warnings/errors):");
            lines.AddRange(interesting.Select(l => "  " + (l.Length > 400 ? l[..400] + "…" : l)));
        }
        return string.Join(Environment.NewLine, lines);
    }

    /// <summary>A certificate-status lookup takes the store's read lock; an unknown serial answers 404 at once.</summary>
    static async Task<string> PebbleStoreAsync()
    {
        using var http = PebbleHttp.Create(ProbeTimeout);
        var watch = Stopwatch.StartNew();
        try
        {
            using var response = await http.GetAsync("/cert-status-by-serial/01");
            return $"Pebble store: answered {(int)response.StatusCode} in {watch.Elapsed.TotalMilliseconds:0} ms";
        }
        catch (Exception exception) when (exception is TaskCanceledException or HttpRequestException)
        {
            return $"Pebble store: no answer within {ProbeTimeout.TotalSeconds:0} s ({exception.GetType().Name}): its store lock is deadlocked (Pebble 2.4 bug), every ACME request hangs";
        }
    }
}
