using CertMesh.Cli.Arguments;
using CertMesh.Cli.Commands.Auth;

namespace CertMesh.Cli.Commands;

/// <summary>
/// <c>certmesh auth can-i | whoami | new-token</c>, as <c>kubectl auth</c> groups them. The dispatcher parses one flag
/// list per command, so this one offers every sub-command's flags and refuses those the chosen one does not take.
/// </summary>
internal sealed class AuthCommand : ICommand
{
    private static readonly ICommand[] Subcommands = [new CanICommand(), new WhoAmICommand(), new NewTokenCommand()];

    public string Name => "auth";
    public string Summary => "Inspect and prepare access: can-i, whoami, new-token";
    public string Usage => "Sub-commands:\n" + string.Join("", Subcommands.Select(c => $"  {c.Name,-10} {c.Summary}\n"))
        + "\n" + string.Join("\n", Subcommands.Select(c => c.Usage.TrimEnd() + "\n"));
    public IReadOnlyList<Flag> Flags => [.. Subcommands.SelectMany(c => c.Flags).DistinctBy(f => f.Long)];

    public Task<int> RunAsync(ParsedArgs args, CliContext context, CancellationToken ct)
    {
        var name = args.Require(0, $"sub-command: {string.Join(", ", Subcommands.Select(c => c.Name))}");
        var subcommand = Subcommands.FirstOrDefault(c => c.Name == name)
            ?? throw new UsageException($"unknown command \"{name}\" for \"certmesh auth\"; use {string.Join(", ", Subcommands.Select(c => c.Name))}");
        var foreign = args.FlagNames.FirstOrDefault(flag => subcommand.Flags.All(f => f.Long != flag));
        if (foreign is not null) throw new UsageException($"unknown flag: --{foreign} for \"certmesh auth {name}\"");
        return subcommand.RunAsync(args.WithoutFirst(), context, ct);
    }
}
