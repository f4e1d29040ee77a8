using CertMesh.Domain.Validation;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace CertMesh.Api.Manifests;

/// <summary>
/// Splits a YAML stream into its documents, or names the first syntax error with its line, or the first
/// <see cref="YamlLimits"/> limit it goes over. Limits are checked on the event stream before any node tree is built:
/// <see cref="YamlStream.Load(TextReader)"/> recurses once per level of nesting and would overflow the stack on a deep
/// document (a 100 KB flow mapping nested 20,000 deep killed the process), so it only ever sees bounded input.
/// </summary>
internal static class YamlDocuments
{
    /// <summary>A YamlDotNet message can quote the input (<c>Duplicate key …</c>); this much of it is shown.</summary>
    private const int MaxMessageLength = 200;

    public static (IReadOnlyList<YamlNode?> Roots, ManifestError? Error) Load(string yaml)
    {
        // A first pass with the bare parser (iterative) checks the limits, and tells which document a syntax error is
        // in and where parsing stopped.
        var budget = new YamlBudget();
        Mark? lastGood = null;
        try
        {
            var parser = new Parser(new StringReader(yaml));
            while (parser.MoveNext())
            {
                if (budget.Add(parser.Current!) is { } exceeded)
                    return ([], Error(budget.DocumentIndex, $"YAML limit exceeded: {exceeded}"));
                lastGood = parser.Current?.End;
            }
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            return (stream.Documents.Select(d => (YamlNode?)d.RootNode).ToList(), null);
        }
        catch (YamlException e)
        {
            var message = TabIndentedLine(yaml) is { } tabLine
                ? $"YAML syntax error at line {tabLine}: a tab character is used for indentation; YAML allows spaces only"
                : $"YAML syntax error at line {e.Start.Line}, column {e.Start.Column}: {ValueExcerpt.Short(e.Message, MaxMessageLength)}";
            return ([], Error(budget.DocumentIndex, message));
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet's scanner fails this way on some malformed input (e.g. an unclosed flow sequence).
            var near = lastGood is { } mark ? $" after line {mark.Line}" : "";
            return ([], Error(budget.DocumentIndex, $"YAML syntax error{near}: malformed YAML (an unclosed bracket, brace or quote?)"));
        }
    }

    /// <summary>A null or empty root: a document holding nothing but comments or a bare <c>---</c>.</summary>
    public static bool IsEmpty(YamlNode? root) =>
        root is null || root is YamlScalarNode { Style: ScalarStyle.Plain } s && YamlScalars.IsNull(s.Value ?? "");

    private static ManifestError Error(int documentIndex, string message) => new(Math.Max(documentIndex, 0), null, null, "", message);

    private static int? TabIndentedLine(string yaml)
    {
        var lines = yaml.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var indent = lines[i].Length - lines[i].TrimStart(' ', '\t').Length;
            if (lines[i].AsSpan(0, indent).Contains('\t') && lines[i].Trim().Length > 0) return i + 1;
        }
        return null;
    }
}
