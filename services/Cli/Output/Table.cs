using System.Text;

namespace CertMesh.Cli.Output;

/// <summary>Columns padded to their widest cell plus three spaces, as kubectl's tabwriter prints them.</summary>
internal static class Table
{
    private const int Padding = 3;

    public static string Format(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        var all = new List<IReadOnlyList<string>> { headers };
        all.AddRange(rows);
        var widths = headers.Select((_, column) => all.Max(row => column < row.Count ? row[column].Length : 0)).ToArray();
        var text = new StringBuilder();
        foreach (var row in all)
        {
            var line = new StringBuilder();
            for (var column = 0; column < headers.Count; column++)
            {
                var cell = column < row.Count ? row[column] : "";
                line.Append(column == headers.Count - 1 ? cell : cell.PadRight(widths[column] + Padding));
            }
            text.Append(line.ToString().TrimEnd()).Append('\n');
        }
        return text.ToString();
    }
}
