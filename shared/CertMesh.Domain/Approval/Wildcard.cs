namespace CertMesh.Domain.Approval;

/// <summary>
/// approver-policy's wildcard patterns: <c>*</c> stands for any run of characters (dots included, so
/// <c>*.example.com</c> matches <c>a.b.example.com</c>); everything else matches itself, case-sensitively.
/// Matched greedily with one backtrack point, so a hostile pattern of many stars costs O(pattern × value), not the
/// exponential time a naive recursive matcher can take.
/// </summary>
public static class Wildcard
{
    public static bool Matches(string pattern, string value)
    {
        int p = 0, v = 0, star = -1, resume = 0;
        while (v < value.Length)
        {
            if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                resume = v;
            }
            else if (p < pattern.Length && pattern[p] == value[v])
            {
                p++;
                v++;
            }
            else if (star >= 0)
            {
                p = star + 1;
                v = ++resume;
            }
            else
            {
                return false;
            }
        }
        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }
        return p == pattern.Length;
    }

    /// <summary>Whether <paramref name="value"/> matches at least one of <paramref name="patterns"/>.</summary>
    public static bool MatchesAny(IEnumerable<string> patterns, string value) => patterns.Any(p => Matches(p, value));
}
