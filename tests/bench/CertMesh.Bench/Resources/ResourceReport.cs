using System.Globalization;

namespace CertMesh.Bench.Resources;

/// <summary>The CPU table and counter line of a run's report, per issued certificate.</summary>
internal static class ResourceReport
{
    static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static void Write(TextWriter output, StackUsage usage, int certificates)
    {
        if (usage.Components.Count > 0)
            WriteCpu(output, usage, certificates);
        if (usage.CountersError is not null)
            output.WriteLine($"counters ({usage.CountersSource}): not read, {usage.CountersError}");
        else if (usage.Counters is { Count: > 0 } counters && certificates > 0)
            output.WriteLine($"per certificate ({usage.CountersSource}): "
                + string.Join(", ", counters.Select(c => string.Create(Invariant, $"{c.Name} {c.Delta / certificates:F2}"))));
    }

    static void WriteCpu(TextWriter output, StackUsage usage, int certificates)
    {
        var measured = usage.Components.Where(c => c.CpuSeconds is not null).ToList();
        var total = measured.Sum(c => c.CpuSeconds!.Value);
        output.WriteLine(string.Create(Invariant,
            $"CPU from the first publish to the last CertificateIssued ({usage.Window.TotalSeconds:F1} s), {certificates} certificates issued:"));
        output.WriteLine($"  {"component",-20} {"CPU s",8} {"ms/cert",8} {"share",7}");
        foreach (var (name, seconds) in usage.Components)
            output.WriteLine(seconds is { } s
                ? Row(name, s, certificates, total)
                : $"  {name,-20} {"-",8} {"-",8} {"-",7}  (process gone: restarted during the run?)");
        output.WriteLine(Row("total", total, certificates, total));
        if (usage.MachineBusySeconds is { } busy)
        {
            var available = usage.Window.TotalSeconds * usage.Cpus;
            output.WriteLine(string.Create(Invariant,
                $"  machine: {busy:F2} CPU s busy of {available:F1} available ({usage.Cpus} CPUs, {100 * busy / available:F0} %); {busy - total:F2} CPU s of it outside the components above"));
        }
    }

    static string Row(string name, double seconds, int certificates, double total) => string.Create(Invariant,
        $"  {name,-20} {seconds,8:F2} {(certificates > 0 ? 1000 * seconds / certificates : 0),8:F2} {(total > 0 ? 100 * seconds / total : 0),6:F1}%");
}
