namespace CertMesh.Cli.Tests.Support;

internal sealed record CliResult(int ExitCode, string Out, string Err);

/// <summary>Runs the CLI in process with captured streams, a given environment and a fixed clock.</summary>
internal static class CliRun
{
    public static readonly DateTimeOffset Now = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

    public static async Task<CliResult> RunAsync(FakeApi? api, params string[] args) => await RunWithAsync(api, null, null, args);

    public static async Task<CliResult> RunWithAsync(FakeApi? api, string? stdin, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var env = new Dictionary<string, string>(environment ?? new Dictionary<string, string>());
        if (api is not null) env.TryAdd("CERTMESH_API", api.Url);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var app = new CliApp(http, new StringReader(stdin ?? ""), output, error, name => env.GetValueOrDefault(name))
        {
            Time = new FixedTime(Now),
            PollInterval = TimeSpan.FromMilliseconds(20),
        };
        var code = await app.RunAsync(args);
        return new CliResult(code, output.ToString(), error.ToString());
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
