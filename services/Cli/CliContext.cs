using CertMesh.Cli.Http;

namespace CertMesh.Cli;

/// <summary>What a command may touch: the API, the three standard streams and the clock.</summary>
internal sealed class CliContext(ApiClient api, TextReader input, TextWriter output, TextWriter error, TimeProvider time)
{
    public ApiClient Api => api;
    public TextReader In => input;
    public TextWriter Out => output;
    public TextWriter Err => error;
    public TimeProvider Time => time;

    /// <summary>How often <c>wait</c> polls; tests shorten it.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(250);
}
