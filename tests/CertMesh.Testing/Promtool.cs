using System.Diagnostics;

namespace CertMesh.Testing;

/// <summary>Runs Debian's <c>promtool</c> (check rules, test rules) and returns its exit code and output.</summary>
public static class Promtool
{
    public sealed record Result(int ExitCode, string Output);

    public static async Task<Result> RunAsync(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(PrometheusBinaries.Require(PrometheusBinaries.Promtool))
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("promtool did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return new Result(process.ExitCode, await stdout + await stderr);
    }
}
