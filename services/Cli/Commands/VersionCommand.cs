using System.Reflection;
using CertMesh.Cli.Arguments;

namespace CertMesh.Cli.Commands;

/// <summary><c>certmesh version</c>: the CLI's own version.</summary>
internal sealed class VersionCommand : ICommand
{
    public string Name => "version";
    public string Summary => "Print the certmesh version";
    public string Usage => "Usage:\n  certmesh version";
    public IReadOnlyList<Flag> Flags => [];

    public static string Version =>
        typeof(VersionCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "unknown";

    public async Task<int> RunAsync(ParsedArgs args, CliContext context, CancellationToken ct)
    {
        args.AllowAtMost(0, Name);
        await context.Out.WriteLineAsync($"certmesh version {Version}");
        return ExitCodes.Success;
    }
}
