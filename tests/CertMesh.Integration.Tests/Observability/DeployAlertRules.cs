using System.Text.RegularExpressions;

namespace CertMesh.Integration.Tests.Observability;

/// <summary>deploy/prometheus/rules, and copies of its alert rules with every <c>for:</c> shortened: a test on a live
/// Prometheus waits seconds, while the real durations are proven by <c>promtool test rules</c>.</summary>
internal static partial class DeployAlertRules
{
    public static string Directory => Path.Combine(TestEnvironment.RepositoryRoot, "deploy", "prometheus", "rules");
    public static string RulesFile => Path.Combine(Directory, "certmesh-alerts.yml");
    public static string UnitTestFile => Path.Combine(Directory, "certmesh-alerts.test.yml");

    /// <summary>Writes the rules into <paramref name="targetDirectory"/> with <c>for: <paramref name="holdFor"/></c>
    /// everywhere, and returns the copy's path.</summary>
    public static string CopyWithFor(string targetDirectory, string holdFor)
    {
        var original = File.ReadAllText(RulesFile);
        var shortened = ForClause().Replace(original, "${indent}for: " + holdFor);
        if (shortened == original)
            throw new InvalidOperationException($"{RulesFile} has no for: clauses to shorten");
        var copy = Path.Combine(targetDirectory, Path.GetFileName(RulesFile));
        File.WriteAllText(copy, shortened);
        return copy;
    }

    [GeneratedRegex(@"^(?<indent>[ ]+)for: *\S+", RegexOptions.Multiline)]
    private static partial Regex ForClause();
}
