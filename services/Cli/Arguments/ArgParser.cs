namespace CertMesh.Cli.Arguments;

/// <summary>
/// Parses arguments the way kubectl does: <c>--flag value</c>, <c>--flag=value</c>, <c>-n value</c>,
/// <c>-nvalue</c>, bare switches, a lone <c>-</c> as a value (stdin), and <c>--</c> ending the flags.
/// Unknown flags and flags without their value are usage errors.
/// </summary>
internal static class ArgParser
{
    public static ParsedArgs Parse(IReadOnlyList<string> args, IReadOnlyList<Flag> flags)
    {
        var positionals = new List<string>();
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == "--")
            {
                positionals.AddRange(args.Skip(i + 1));
                break;
            }
            if (arg.Length < 2 || arg[0] != '-')
            {
                positionals.Add(arg);
                continue;
            }
            var (flag, inline) = Find(arg, flags);
            if (!flag.TakesValue)
            {
                if (inline is not null && arg.StartsWith("--", StringComparison.Ordinal))
                    throw new UsageException($"flag --{flag.Long} does not take a value");
                values[flag.Long] = null;
                continue;
            }
            if (inline is null)
            {
                if (i + 1 >= args.Count) throw new UsageException($"flag needs an argument: {arg}");
                inline = args[++i];
            }
            values[flag.Long] = inline;
        }
        return new ParsedArgs(positionals, values);
    }

    private static (Flag Flag, string? Inline) Find(string arg, IReadOnlyList<Flag> flags)
    {
        if (arg.StartsWith("--", StringComparison.Ordinal))
        {
            var body = arg[2..];
            var eq = body.IndexOf('=');
            var name = eq < 0 ? body : body[..eq];
            var flag = flags.FirstOrDefault(f => f.Long == name) ?? throw new UsageException($"unknown flag: --{name}");
            return (flag, eq < 0 ? null : body[(eq + 1)..]);
        }
        var shortFlag = flags.FirstOrDefault(f => f.Short == arg[1]) ?? throw new UsageException($"unknown shorthand flag: '{arg[1]}' in {arg}");
        var rest = arg[2..];
        if (rest.StartsWith('=')) rest = rest[1..];
        if (!shortFlag.TakesValue && rest.Length > 0) throw new UsageException($"unknown shorthand flag: '{rest[0]}' in {arg}");
        return (shortFlag, rest.Length > 0 ? rest : null);
    }
}
