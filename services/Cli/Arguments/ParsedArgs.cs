namespace CertMesh.Cli.Arguments;

/// <summary>Positional arguments and flag values (by long name; the last occurrence wins).</summary>
internal sealed class ParsedArgs(IReadOnlyList<string> positionals, IReadOnlyDictionary<string, string?> flags)
{
    public IReadOnlyList<string> Positionals => positionals;

    public bool Has(string flag) => flags.ContainsKey(flag);

    /// <summary>The long names of the flags given, for a command whose sub-commands each take only some of them.</summary>
    public IEnumerable<string> FlagNames => flags.Keys;

    /// <summary>The same flags with the first positional (a sub-command's name) taken off.</summary>
    public ParsedArgs WithoutFirst() => new([.. positionals.Skip(1)], flags);

    public string? Value(string flag) => flags.TryGetValue(flag, out var value) ? value : null;

    public string Namespace => Value(Flag.Namespace.Long) is { Length: > 0 } ns ? ns : "default";

    /// <summary>The positional at <paramref name="index"/>, or a usage error naming what is missing.</summary>
    public string Require(int index, string what) =>
        index < positionals.Count ? positionals[index] : throw new UsageException($"missing {what}");

    public void AllowAtMost(int count, string command)
    {
        if (positionals.Count > count)
            throw new UsageException($"unexpected argument \"{positionals[count]}\" for \"certmesh {command}\"");
    }
}
