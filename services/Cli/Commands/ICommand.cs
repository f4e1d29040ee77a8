using CertMesh.Cli.Arguments;

namespace CertMesh.Cli.Commands;

/// <summary>One <c>certmesh</c> sub-command: its flags, its help, and what it does.</summary>
internal interface ICommand
{
    string Name { get; }
    /// <summary>One line for the command list.</summary>
    string Summary { get; }
    /// <summary>The usage line and examples shown by <c>--help</c>, before the flags.</summary>
    string Usage { get; }
    IReadOnlyList<Flag> Flags { get; }
    Task<int> RunAsync(ParsedArgs args, CliContext context, CancellationToken ct);
}
