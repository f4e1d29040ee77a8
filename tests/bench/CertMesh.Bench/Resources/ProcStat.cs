using System.Globalization;

namespace CertMesh.Bench.Resources;

/// <summary>
/// Reads CPU time from Linux's /proc, in clock ticks: per process <c>/proc/&lt;pid&gt;/stat</c> (all its threads, plus
/// the children it has reaped) and for the whole machine the first line of <c>/proc/stat</c>.
/// </summary>
internal static class ProcStat
{
    /// <summary>One process: its parent and utime+stime+cutime+cstime.</summary>
    public readonly record struct ProcessTicks(int ParentPid, long Ticks);

    /// <summary>Every process visible now, by pid; processes that exit while being read are left out.</summary>
    public static Dictionary<int, ProcessTicks> AllProcesses()
    {
        var processes = new Dictionary<int, ProcessTicks>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && TryRead(pid, out var ticks))
                processes[pid] = ticks;
        }
        return processes;
    }

    public static bool TryRead(int pid, out ProcessTicks ticks)
    {
        ticks = default;
        string line;
        try
        {
            line = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return false; // exited meanwhile
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
        // "pid (comm) state ppid ... utime stime cutime cstime ...": comm may hold spaces and parentheses, so fields
        // are counted from the last ')'. After it: [0] state, [1] ppid, [11] utime, [12] stime, [13] cutime, [14] cstime.
        var fields = line[(line.LastIndexOf(')') + 2)..].Split(' ');
        if (fields.Length < 15)
            return false;
        ticks = new ProcessTicks((int)Field(fields[1]), Field(fields[11]) + Field(fields[12]) + Field(fields[13]) + Field(fields[14]));
        return true;
    }

    /// <summary>Ticks all CPUs spent busy (not idle or waiting for I/O) since boot; and how many CPUs there are.</summary>
    public static (long BusyTicks, int Cpus) Machine()
    {
        var lines = File.ReadAllLines("/proc/stat");
        // cpu user nice system idle iowait irq softirq steal (guest time is already inside user and nice)
        var fields = lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var busy = Field(fields[1]) + Field(fields[2]) + Field(fields[3]) + Field(fields[6]) + Field(fields[7]) + Field(fields[8]);
        var cpus = lines.Count(l => l.StartsWith("cpu", StringComparison.Ordinal) && char.IsAsciiDigit(l[3]));
        return (busy, cpus);
    }

    static long Field(string value) => long.Parse(value, CultureInfo.InvariantCulture);
}
