namespace CertMesh.Dns.Zones;

/// <summary>
/// Names as zone discovery hands them out: absolute, with the trailing dot cert-manager's fqdn and zone carry (the
/// wire reader gives names without it), compared without regard to case (RFC 4343).
/// </summary>
public static class DnsNames
{
    public static string Absolute(string name) => name.EndsWith('.') ? name : name + ".";

    public static bool Same(string a, string b) =>
        string.Equals(a.TrimEnd('.'), b.TrimEnd('.'), StringComparison.OrdinalIgnoreCase);

    /// <summary><c>a.b.test.</c>, <c>b.test.</c>, <c>test.</c>: the name and each parent below the root, as cert-manager's walk climbs.</summary>
    public static IEnumerable<string> SelfAndParents(string name)
    {
        var labels = name.TrimEnd('.').Split('.');
        for (var i = 0; i < labels.Length; i++)
            yield return string.Join('.', labels[i..]) + ".";
    }
}
