namespace CertMesh.Bench.Infrastructure;

/// <summary>Nearest-rank percentiles over a set of samples (sorted once).</summary>
internal sealed class Percentiles
{
    readonly double[] sorted;

    public Percentiles(IEnumerable<double> samples)
    {
        sorted = samples.ToArray();
        Array.Sort(sorted);
    }

    public int Count => sorted.Length;
    public double Min => sorted.Length == 0 ? 0 : sorted[0];
    public double Max => sorted.Length == 0 ? 0 : sorted[^1];
    public double Mean => sorted.Length == 0 ? 0 : sorted.Average();

    /// <summary>The smallest sample with at least <paramref name="percent"/>% of samples at or below it.</summary>
    public double At(double percent)
    {
        if (sorted.Length == 0)
            return 0;
        var rank = (int)Math.Ceiling(percent / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
