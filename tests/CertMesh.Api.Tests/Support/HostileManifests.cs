using System.Text;

namespace CertMesh.Api.Tests.Support;

/// <summary>
/// The hostile inputs of issue 9 (and their neighbours), each paired with the limit that must refuse it. Shared by the
/// reader's unit tests and the end-to-end test against the real Api process.
/// </summary>
internal static class HostileManifests
{
    public const string CertificateHead = """
        apiVersion: cert-manager.io/v1
        kind: Certificate
        metadata:
          name: web
          namespace: hostile
        """;

    /// <summary>The one that killed the Api: <c>{a: {a: … 1 …}}</c>, about 5 bytes a level.</summary>
    public static string DeepFlowMapping(int depth) =>
        new StringBuilder().Insert(0, "{a: ", depth).Append('1').Append('}', depth).ToString();

    public static string DeepFlowSequence(int depth) => new string('[', depth) + new string(']', depth);

    /// <summary>Block mappings, each level indented one space further.</summary>
    public static string DeepBlockMapping(int depth)
    {
        var yaml = new StringBuilder();
        for (var i = 0; i < depth; i++)
            yaml.Append(' ', i).Append("k:\n");
        return yaml.Append(' ', depth).Append("v\n").ToString();
    }

    /// <summary>One large string, then a list of aliases to it: small on the wire, enormous once expanded.</summary>
    public static string AliasesToLargeString(int stringBytes, int aliases) =>
        CertificateHead + "\n  annotations:\n    big: &big " + new string('x', stringBytes) +
        "\nspec:\n  dnsNames: [" + string.Join(", ", Enumerable.Repeat("*big", aliases)) + "]\n";

    /// <summary>The classic billion laughs: nine levels of ten aliases to the level below.</summary>
    public static string BillionLaughs()
    {
        var yaml = new StringBuilder("apiVersion: cert-manager.io/v1\nkind: Issuer\nmetadata: {name: lol}\nspec:\n  vault:\n");
        yaml.Append("    l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var i = 1; i < 9; i++)
            yaml.Append($"    l{i}: &l{i} [{string.Join(", ", Enumerable.Repeat($"*l{i - 1}", 10))}]\n");
        return yaml.ToString();
    }

    /// <summary><paramref name="count"/> documents, each a small valid Secret.</summary>
    public static string Documents(int count) => string.Concat(Enumerable.Range(0, count).Select(i =>
        $"---\napiVersion: v1\nkind: Secret\nmetadata: {{name: s{i}, namespace: hostile}}\nstringData: {{k: v}}\n"));

    /// <summary>One v1 List holding <paramref name="count"/> small Secrets.</summary>
    public static string ListOf(int count) =>
        "apiVersion: v1\nkind: List\nitems:\n" + string.Concat(Enumerable.Range(0, count).Select(i =>
            $"- {{apiVersion: v1, kind: Secret, metadata: {{name: s{i}, namespace: hostile}}, stringData: {{k: v}}}}\n"));

    public static string CertificateWith(string metadataLines, string specLines) =>
        CertificateHead + "\n" + metadataLines + "spec:\n  secretName: web-tls\n  issuerRef: {name: ca, kind: ClusterIssuer}\n" + specLines;

    public static string ManyDnsNames(int count) =>
        CertificateWith("", "  dnsNames:\n" + string.Concat(Enumerable.Range(0, count).Select(i => $"  - host-{i}.example.com\n")));

    public static string Annotation(int bytes) => CertificateWith($"  annotations:\n    note: {new string('a', bytes)}\n", "  dnsNames: [web.example.com]\n");

    public static string LabelValue(int bytes) => CertificateWith($"  labels:\n    team: {new string('l', bytes)}\n", "  dnsNames: [web.example.com]\n");

    /// <summary>An explicit key (<c>? </c>): YAML itself limits implicit keys to 1024 characters.</summary>
    public static string LabelKey(int bytes) => CertificateWith($"  labels:\n    ? {new string('k', bytes)}\n    : web\n", "  dnsNames: [web.example.com]\n");

    /// <summary>A dnsName that is long and invalid: its error must quote only a prefix.</summary>
    public static string LongBadDnsName(int bytes) => CertificateWith("", $"  dnsNames: [\"{new string('d', bytes)} bad\"]\n");

    public static string LongBadName(int bytes) => CertificateHead.Replace("name: web", $"name: \"{new string('N', bytes)}\"") + "\nspec: {secretName: web-tls, issuerRef: {name: ca}}\n";
}
