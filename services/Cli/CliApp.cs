using CertMesh.Cli.Arguments;
using CertMesh.Cli.Commands;
using CertMesh.Cli.Http;

namespace CertMesh.Cli;

/// <summary>
/// The dispatcher: takes the global flags (<c>--server</c>, <c>--token</c>) from anywhere on the line, finds
/// the command, parses its flags and runs it. Every failure becomes a message on stderr and an exit code.
/// </summary>
internal sealed class CliApp(HttpClient http, TextReader input, TextWriter output, TextWriter error, Func<string, string?> environment)
{
    public const string DefaultServer = "http://127.0.0.1:8080";

    public TimeProvider Time { get; init; } = TimeProvider.System;
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    public static IReadOnlyList<ICommand> Commands { get; } =
    [
        new ApplyCommand(), new GetCommand(), new DeleteCommand(), new StatusCommand(), new RenewCommand(), new ApproveCommand(), new DenyCommand(),
        new WaitCommand(), new CheckCommand(), new VersionCommand(), new AuthCommand(),
    ];

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken ct = default)
    {
        try
        {
            var (rest, server, token) = TakeGlobalFlags(args);
            if (rest.Count == 0 || rest is ["-h" or "--help" or "help"])
            {
                await output.WriteAsync(HelpText.Root(Commands));
                return ExitCodes.Success;
            }
            var command = Find(rest[0] == "help" ? rest[1] : rest[0]);
            var parsed = ArgParser.Parse(rest.Skip(1).ToList(), [.. command.Flags, Flag.HelpFlag]);
            if (rest[0] == "help" || parsed.Has(Flag.HelpFlag.Long))
            {
                await output.WriteAsync(HelpText.For(command));
                return ExitCodes.Success;
            }
            var api = new ApiClient(http, ApiClient.ParseServer(server), token);
            var context = new CliContext(api, input, output, error, Time) { PollInterval = PollInterval };
            return await command.RunAsync(parsed, context, ct);
        }
        catch (UsageException e)
        {
            await error.WriteLineAsync($"error: {e.Message}");
            await error.WriteLineAsync("See 'certmesh --help' or 'certmesh COMMAND --help'.");
            return e.ExitCode;
        }
        catch (CliException e)
        {
            await error.WriteLineAsync(e.Message);
            return e.ExitCode;
        }
    }

    private static ICommand Find(string name) =>
        Commands.FirstOrDefault(c => c.Name == name)
        ?? throw new UsageException(name.StartsWith('-') ? $"unknown flag: {name}" : $"unknown command \"{name}\" for \"certmesh\"");

    private (List<string> Remaining, string Server, string? Token) TakeGlobalFlags(IReadOnlyList<string> args)
    {
        var rest = new List<string>();
        var server = environment("CERTMESH_API") is { Length: > 0 } envServer ? envServer : DefaultServer;
        var token = environment("CERTMESH_TOKEN") is { Length: > 0 } envToken ? envToken : null;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == "--")
            {
                rest.AddRange(args.Skip(i));
                break;
            }
            if (TakeValue(args, ref i, "--server") is { } s) server = s;
            else if (TakeValue(args, ref i, "--token") is { } t) token = t;
            else rest.Add(arg);
        }
        return (rest, server, token);
    }

    private static string? TakeValue(IReadOnlyList<string> args, ref int i, string flag)
    {
        if (args[i].StartsWith(flag + "=", StringComparison.Ordinal)) return args[i][(flag.Length + 1)..];
        if (args[i] != flag) return null;
        if (i + 1 >= args.Count) throw new UsageException($"flag needs an argument: {flag}");
        return args[++i];
    }
}
