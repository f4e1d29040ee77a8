using System.Globalization;

namespace CertMesh.Bench.Resources;

/// <summary>The CPU table and counter line of a run's report, per unit of work done (an issued certificate by default).</summary>
internal static class ResourceReport
{
    static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static void Write(TextWriter output, StackUsage usage, int certificates) => Write(output, usage, certificates, ReportUnit.Certificate);

    public static void Write(TextWriter output, StackUsage usage, int count, ReportUnit unit)
    {
        if (usage.Components.Count > 0)
            WriteCpu(output, usage, count, unit);
        if (usage.CountersError is not null)
            output.WriteLine($"counters ({usage.CountersSource}): not read, {usage.CountersError}");
        else if (usage.Counters is { Count: > 0 } counters && count > 0)
            output.WriteLine($"per {unit.Singular} ({usage.CountersSource}): "
                + string.Join(", ", counters.Select(c => string.Create(Invariant, $"{c.Name} {c.Delta / count:F2}"))));
    }

    static void WriteCpu(TextWriter output, StackUsage usage, int certificates, ReportUnit unit)
    {
        var measured = usage.Components.Where(c => c.CpuSeconds is not null).ToList();
        var total = measured.Sum(c => c.CpuSeconds!.Value);
        output.WriteLine(string.Create(Invariant,
            $"CPU from the first publish to the last {unit.LastMessage} ({usage.Window.TotalSeconds:F1} s), {certificates} {unit.Plural} {unit.Done}:"));
        output.WriteLine($"  {"component",-20} {"CPU s",8} {"ms/" + unit.Short,8} {"share",7}");
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

/// <summary>What a run counts, in the report's words: "5000 certificates issued", "ms/cert", "per certificate".</summary>
internal sealed record ReportUnit(string Singular, string Plural, string Short, string LastMessage, string Done)
{
    public static readonly ReportUnit Certificate = new("certificate", "certificates", "cert", "CertificateIssued", "issued");
}
