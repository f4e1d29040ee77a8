namespace CertMesh.Acme.Http;

/// <summary>One <c>Link: &lt;url&gt;;rel="..."</c> entry (RFC 8288), resolved against the request URL.</summary>
public sealed record LinkHeader(Uri Target, string Relation)
{
    /// <summary>Parses every link in the header values; malformed entries are skipped rather than failing the response.</summary>
    public static IReadOnlyList<LinkHeader> Parse(IEnumerable<string> values, Uri baseUri)
    {
        var links = new List<LinkHeader>();
        foreach (string value in values)
        {
            foreach (string entry in SplitEntries(value))
            {
                int open = entry.IndexOf('<', StringComparison.Ordinal);
                int close = entry.IndexOf('>', StringComparison.Ordinal);
                if (open < 0 || close <= open)
                {
                    continue;
                }

                string? rel = null;
                foreach (string parameter in entry[(close + 1)..].Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                {
                    int eq = parameter.IndexOf('=', StringComparison.Ordinal);
                    if (eq > 0 && parameter[..eq].Trim().Equals("rel", StringComparison.OrdinalIgnoreCase))
                    {
                        rel = parameter[(eq + 1)..].Trim().Trim('"');
                    }
                }

                if (rel is not null && Uri.TryCreate(baseUri, entry[(open + 1)..close], out Uri? target))
                {
                    // rel may list several space-separated relation types.
                    links.AddRange(rel.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(r => new LinkHeader(target, r)));
                }
            }
        }

        return links;
    }

    // Commas separate links, but a URL may contain commas too: split only on commas that follow a '>' section.
    private static IEnumerable<string> SplitEntries(string value)
    {
        int start = 0;
        bool inUrl = false;
        bool inQuotes = false;
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            if (c == '<' && !inQuotes)
            {
                inUrl = true;
            }
            else if (c == '>' && !inQuotes)
            {
                inUrl = false;
            }
            else if (c == '"' && !inUrl)
            {
                inQuotes = !inQuotes;
            }
            else if (c == ',' && !inUrl && !inQuotes)
            {
                yield return value[start..i];
                start = i + 1;
            }
        }

        yield return value[start..];
    }
}
