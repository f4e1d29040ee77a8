namespace CertMesh.Cli;

/// <summary>A failure to report on stderr as is, with the process exit code (1 runtime, 2 usage).</summary>
internal class CliException(string message, int exitCode = ExitCodes.Failure) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}

/// <summary>The command line itself is wrong: unknown flag, missing argument, bad value.</summary>
internal sealed class UsageException(string message) : CliException(message, ExitCodes.Usage);

internal static class ExitCodes
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int Usage = 2;
}
