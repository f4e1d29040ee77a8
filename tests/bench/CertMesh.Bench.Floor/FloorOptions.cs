using System.Globalization;

namespace CertMesh.Bench.Floor;

/// <summary>certmesh-bench-floor --count N [--warmup W] [--concurrency C] [--timeout SECONDS]</summary>
public sealed record FloorOptions(int Count, int Warmup, int Concurrency, TimeSpan Timeout)
{
    public const string Usage = "usage: certmesh-bench-floor --count N [--warmup W (default 1000, 0 for none)] [--concurrency C (default 64)] [--timeout SECONDS]";

    /// <summary>The options, or the reason they are refused (naming the option).</summary>
    public static (FloorOptions? Options, string? Error) Parse(IReadOnlyList<string> args)
    {
        int? count = null, warmup = 1000, concurrency = 64, timeout = null;
        for (var i = 0; i < args.Count; i++)
        {
            if (i + 1 >= args.Count)
                return (null, $"{args[i]}: a value is missing");
            // Only the warm-up may be none.
            var least = args[i] == "--warmup" ? 0 : 1;
            if (!int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < least)
                return (null, $"{args[i]}: '{args[i + 1]}' is not a whole number of at least {least}");
            switch (args[i])
            {
                case "--count": count = value; break;
                case "--warmup": warmup = value; break;
                case "--concurrency": concurrency = value; break;
                case "--timeout": timeout = value; break;
                default: return (null, $"{args[i]}: unknown option");
            }
            i++;
        }
        if (count is null)
            return (null, "--count: required");
        // As the ca mode waits: a minute, or a tenth of a second per chain when that is longer.
        return (new FloorOptions(count.Value, warmup!.Value, concurrency!.Value, TimeSpan.FromSeconds(timeout ?? Math.Max(60, count.Value / 10.0))), null);
    }
}
