using System.Globalization;

namespace CertMesh.Bench.Resources;

/// <summary>
/// CPU time of each component of the stack, as /proc counts it: a component is a root process and every process under
/// it (PostgreSQL's postmaster and its backends, RabbitMQ's beam.smp and its helpers, one dotnet service). A process's
/// stat covers all its threads and, through cutime/cstime, the children it has reaped, so a backend that exits between
/// two snapshots still counts (in its postmaster). The bench itself is always a component (named <c>bench</c>, or what
/// the caller says it is).
/// </summary>
internal sealed class ComponentCpu(IReadOnlyList<(string Name, int Pid)> components, double ticksPerSecond)
{
    /// <summary>CPU seconds per component at one moment (null when its root process was gone), and the machine's.</summary>
    public sealed record Snapshot(IReadOnlyDictionary<string, double?> Seconds, double MachineBusySeconds, int Cpus);

    public IReadOnlyList<(string Name, int Pid)> Components => components;

    /// <summary>
    /// From CERTMESH_BENCH_CPU ("Trigger=123 postgres=456 ...", written by run.sh from the stack's pid files) and
    /// CERTMESH_BENCH_CLK_TCK (default 100); null where there is no /proc to read.
    /// </summary>
    public static ComponentCpu? FromEnvironment(string self = "bench")
    {
        if (!File.Exists("/proc/stat"))
            return null;
        var list = new List<(string, int)>();
        foreach (var entry in (Environment.GetEnvironmentVariable("CERTMESH_BENCH_CPU") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = entry.Split('=');
            if (parts.Length != 2 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
                throw new InvalidOperationException($"CERTMESH_BENCH_CPU: '{entry}' is not NAME=PID");
            list.Add((parts[0], pid));
        }
        list.Add((self, Environment.ProcessId));
        var ticks = double.TryParse(Environment.GetEnvironmentVariable("CERTMESH_BENCH_CLK_TCK"), NumberStyles.None, CultureInfo.InvariantCulture, out var t) ? t : 100;
        return new ComponentCpu(list, ticks);
    }

    public Snapshot Take()
    {
        var processes = ProcStat.AllProcesses();
        var children = processes.ToLookup(p => p.Value.ParentPid, p => p.Key);
        var seconds = new Dictionary<string, double?>();
        foreach (var (name, pid) in components)
            seconds[name] = processes.ContainsKey(pid) ? SubtreeTicks(pid) / ticksPerSecond : null;
        var (busy, cpus) = ProcStat.Machine();
        return new Snapshot(seconds, busy / ticksPerSecond, cpus);

        long SubtreeTicks(int root)
        {
            long sum = 0;
            var stack = new Stack<int>([root]);
            while (stack.TryPop(out var pid))
            {
                sum += processes[pid].Ticks;
                foreach (var child in children[pid])
                    stack.Push(child);
            }
            return sum;
        }
    }
}
