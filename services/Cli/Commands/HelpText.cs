using System.Text;
using CertMesh.Cli.Arguments;

namespace CertMesh.Cli.Commands;

/// <summary>The <c>--help</c> texts: the command list, and one command's usage with its flags.</summary>
internal static class HelpText
{
    public static readonly Flag[] GlobalFlags =
    [
        new("server", null, "CertMesh API URL (default $CERTMESH_API or http://127.0.0.1:8080)", "URL"),
        new("token", null, "a Principal's bearer token; every call needs one (default $CERTMESH_TOKEN)", "TOKEN"),
    ];

    public static string Root(IEnumerable<ICommand> commands)
    {
        var text = new StringBuilder();
        text.Append("certmesh controls CertMesh, cert-manager's resources as .NET services, over its HTTP API.\n\n");
        text.Append("Usage:\n  certmesh COMMAND [ARGS] [flags]\n\nCommands:\n");
        foreach (var command in commands) text.Append($"  {command.Name,-9} {command.Summary}\n");
        text.Append("\nGlobal flags:\n");
        AppendFlags(text, GlobalFlags);
        text.Append("\nEvery call is made as the Principal its token names: \"certmesh auth whoami\" shows which, and its roles.\n");
        text.Append("Use \"certmesh COMMAND --help\" for more about a command.\n");
        return text.ToString();
    }

    public static string For(ICommand command)
    {
        var text = new StringBuilder();
        text.Append(command.Summary).Append("\n\n").Append(command.Usage.TrimEnd()).Append("\n\nFlags:\n");
        AppendFlags(text, [.. command.Flags, Flag.HelpFlag]);
        text.Append("\nGlobal flags:\n");
        AppendFlags(text, GlobalFlags);
        return text.ToString();
    }

    private static void AppendFlags(StringBuilder text, IEnumerable<Flag> flags)
    {
        foreach (var flag in flags) text.Append($"  {flag.Display,-24} {flag.Description}\n");
    }
}
