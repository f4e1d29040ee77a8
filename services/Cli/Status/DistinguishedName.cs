using System.Text;

namespace CertMesh.Cli.Status;

/// <summary>Reads an X.500 name as .NET prints it (<c>CN=Example CA, O="Example, Inc.", C=US</c>) into its attributes.</summary>
internal static class DistinguishedName
{
    public static IReadOnlyList<(string Key, string Value)> Parse(string? name)
    {
        var result = new List<(string, string)>();
        if (string.IsNullOrWhiteSpace(name)) return result;
        foreach (var part in Split(name))
        {
            var eq = part.IndexOf('=');
            if (eq <= 0) continue;
            var value = part[(eq + 1)..].Trim();
            if (value.Length >= 2 && value[0] == '"' && value[^1] == '"') value = value[1..^1].Replace("\"\"", "\"");
            result.Add((part[..eq].Trim().ToUpperInvariant(), value));
        }
        return result;
    }

    /// <summary>All values of one attribute, joined (<c>O</c> may appear more than once).</summary>
    public static string Get(IReadOnlyList<(string Key, string Value)> attributes, string key) =>
        string.Join(", ", attributes.Where(a => a.Key == key).Select(a => a.Value));

    private static IEnumerable<string> Split(string name)
    {
        var current = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (c == '\\' && i + 1 < name.Length)
            {
                current.Append(name[++i]);
                continue;
            }
            if (c == '"') quoted = !quoted;
            if ((c == ',' || c == ';') && !quoted)
            {
                yield return current.ToString();
                current.Clear();
                continue;
            }
            current.Append(c);
        }
        if (current.Length > 0) yield return current.ToString();
    }
}
