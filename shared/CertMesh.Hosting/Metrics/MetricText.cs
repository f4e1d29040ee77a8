using System.Globalization;
using System.Text;

namespace CertMesh.Hosting.Metrics;

/// <summary>
/// Prometheus text exposition (format 0.0.4, what cert-manager's Go exporter serves) for the families CertMesh writes
/// itself: one line per sample, labels rendered once per resource and reused on every scrape.
/// </summary>
public sealed class MetricText(TextWriter writer)
{
    public void Family(string name, string type, string help)
    {
        writer.Write("# HELP ");
        writer.Write(name);
        writer.Write(' ');
        writer.Write(help);
        writer.Write("\n# TYPE ");
        writer.Write(name);
        writer.Write(' ');
        writer.Write(type);
        writer.Write('\n');
    }

    /// <param name="labels">Rendered by <see cref="Labels"/>, without braces; empty for none.</param>
    public void Sample(string name, string labels, double value) => Sample(name, labels, null, null, value);

    /// <summary>A sample whose labels come in rendered parts (e.g. a resource's name, a condition, its issuer), joined in order.</summary>
    public void Sample(string name, string first, string? second, string? third, double value)
    {
        writer.Write(name);
        var open = false;
        foreach (var part in (ReadOnlySpan<string?>)[first, second, third])
        {
            if (string.IsNullOrEmpty(part))
                continue;
            writer.Write(open ? ',' : '{');
            writer.Write(part);
            open = true;
        }
        if (open)
            writer.Write('}');
        writer.Write(' ');
        WriteValue(value);
        writer.Write('\n');
    }

    void WriteValue(double value)
    {
        if (double.IsNaN(value)) writer.Write("NaN");
        else if (double.IsPositiveInfinity(value)) writer.Write("+Inf");
        else if (double.IsNegativeInfinity(value)) writer.Write("-Inf");
        // Timestamps and counts are whole numbers: written as such, they are shorter and exact.
        else if (value == Math.Floor(value) && Math.Abs(value) < 1e15) writer.Write(((long)value).ToString(CultureInfo.InvariantCulture));
        else writer.Write(value.ToString("R", CultureInfo.InvariantCulture));
    }

    /// <summary>Renders <c>a="x",b="y"</c> with the escaping the format requires (backslash, quote, newline).</summary>
    public static string Labels(params ReadOnlySpan<(string Name, string Value)> labels)
    {
        var builder = new StringBuilder();
        foreach (var (name, value) in labels)
        {
            if (builder.Length > 0)
                builder.Append(',');
            builder.Append(name).Append("=\"");
            foreach (var c in value)
            {
                switch (c)
                {
                    case '\\': builder.Append(@"\\"); break;
                    case '"': builder.Append("\\\""); break;
                    case '\n': builder.Append(@"\n"); break;
                    default: builder.Append(c); break;
                }
            }
            builder.Append('"');
        }
        return builder.ToString();
    }
}
