using System.Diagnostics;

namespace CertMesh.Pki.Tests.Support;

/// <summary>Runs the openssl CLI: the independent peer that checks our PEM, CSRs and chains.</summary>
internal static class OpenSsl
{
    public static (int ExitCode, string Output) Run(params string[] arguments)
    {
        var start = new ProcessStartInfo("openssl")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException("openssl did not start");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    /// <summary>Runs openssl and fails the test with its output when it exits non-zero.</summary>
    public static string Succeed(params string[] arguments)
    {
        (int exitCode, string output) = Run(arguments);
        Assert.True(exitCode == 0, $"openssl {string.Join(' ', arguments)} exited {exitCode}:\n{output}");
        return output;
    }
}
