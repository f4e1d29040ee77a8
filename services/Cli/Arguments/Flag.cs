namespace CertMesh.Cli.Arguments;

/// <summary>One command-line flag: <c>--long</c>, optionally <c>-s</c>, with or without a value.</summary>
internal sealed record Flag(string Long, char? Short, string Description, string? ValueName = null)
{
    public bool TakesValue => ValueName is not null;

    public string Display => (Short is { } s ? $"-{s}, " : "    ") + $"--{Long}" + (TakesValue ? $" {ValueName}" : "");

    public static readonly Flag HelpFlag = new("help", 'h', "show help for this command");
    public static readonly Flag Namespace = new("namespace", 'n', "namespace of the resource (default \"default\")", "NS");
    public static readonly Flag AllNamespaces = new("all-namespaces", 'A', "list across all namespaces");
}
