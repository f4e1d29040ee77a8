using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace CertMesh.Api.Manifests;

/// <summary>Splits a YAML stream into its documents, or names the first syntax error with its line.</summary>
internal static class YamlDocuments
{
    public static (IReadOnlyList<YamlNode?> Roots, ManifestError? Error) Load(string yaml)
    {
        // A first pass with the bare parser tells which document a syntax error is in and where parsing stopped.
        var documentIndex = -1;
        Mark? lastGood = null;
        try
        {
            var parser = new Parser(new StringReader(yaml));
            while (parser.MoveNext())
            {
                if (parser.Current is DocumentStart) documentIndex++;
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
                : $"YAML syntax error at line {e.Start.Line}, column {e.Start.Column}: {e.Message}";
            return ([], Error(documentIndex, message));
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet's scanner fails this way on some malformed input (e.g. an unclosed flow sequence).
            var near = lastGood is { } mark ? $" after line {mark.Line}" : "";
            return ([], Error(documentIndex, $"YAML syntax error{near}: malformed YAML (an unclosed bracket, brace or quote?)"));
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
