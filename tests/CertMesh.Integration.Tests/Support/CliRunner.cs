using System.Diagnostics;

namespace CertMesh.Integration.Tests.Support;

/// <summary>Runs the real <c>certmesh</c> CLI against the stack's Api, as a user at a terminal would.</summary>
public static class CliRunner
{
    public static async Task<string> RunAsync(StackFixture stack, params string[] arguments)
    {
        var result = await RunUncheckedAsync(stack, arguments);
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"certmesh {string.Join(' ', arguments)} exited {result.ExitCode}: {result.Err}");
        return result.Out;
    }

    /// <summary>For a test about the failure itself: the exit code and both streams, whatever the exit code.</summary>
    public static async Task<CliResult> RunUncheckedAsync(StackFixture stack, params string[] arguments)
    {
        var dll = Path.Combine(TestEnvironment.RepositoryRoot, "services", "Cli", "bin", TestEnvironment.Configuration, "net10.0", "certmesh.dll");
        var info = new ProcessStartInfo("dotnet", [dll, .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.Environment["CERTMESH_API"] = stack.ApiBase.ToString();
        info.Environment["CERTMESH_TOKEN"] = stack.ApiToken;
        using var process = Process.Start(info) ?? throw new InvalidOperationException("cannot start the certmesh CLI");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);
        return new CliResult(process.ExitCode, await output, await error);
    }
}

public sealed record CliResult(int ExitCode, string Out, string Err);
