using System.Diagnostics;

namespace CertMesh.Integration.Tests.Support;

/// <summary>
/// deploy/examples/sample-app as a real process, built from the CertMesh.Client package in the local feed (as an
/// application outside the repository gets it), connected to the suite's vhost as an application user of its own.
/// </summary>
internal sealed class SampleAppProcess : IAsyncDisposable
{
    static readonly SemaphoreSlim BuildLock = new(1, 1);
    static string? _built;

    readonly Process _process;

    SampleAppProcess(Process process, int httpsPort, int httpPort, string storePath, string logPath)
    {
        _process = process;
        HttpsPort = httpsPort;
        HttpPort = httpPort;
        StorePath = storePath;
        LogPath = logPath;
    }

    public int HttpsPort { get; }
    public int HttpPort { get; }
    public string StorePath { get; }
    public string LogPath { get; }

    /// <summary>Starts it with <paramref name="settings"/> (configuration keys, e.g. <c>CertMesh:Certificates:checkout:Namespace</c>),
    /// logging to <c>&lt;instance&gt;.log</c>.</summary>
    public static async Task<SampleAppProcess> StartAsync(string logDirectory, string storePath, IReadOnlyDictionary<string, string> settings, string instance = "sample-app")
    {
        var dll = Path.Combine(await BuildAsync(logDirectory), "SampleApp.dll");
        var (httpsPort, httpPort) = (TestEnvironment.FreePort(), TestEnvironment.FreePort());
        var info = new ProcessStartInfo("dotnet", [dll])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        // Urls, not ASPNETCORE_URLS: appsettings.json names Urls, and only plain environment variables come after it.
        info.Environment["Urls"] = $"https://127.0.0.1:{httpsPort};http://127.0.0.1:{httpPort}";
        info.Environment["CertMesh__StorePath"] = storePath;
        foreach (var (key, value) in settings)
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        var logPath = Path.Combine(logDirectory, instance + ".log");
        var log = new StreamWriter(logPath, append: true) { AutoFlush = true };
        log.WriteLine($"===== start {DateTimeOffset.UtcNow:O}");
        var process = Process.Start(info) ?? throw new InvalidOperationException("cannot start the sample application");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new SampleAppProcess(process, httpsPort, httpPort, storePath, logPath);
    }

    public bool HasExited => _process.HasExited;

    /// <summary>Waits for the process to end (a start-up that must fail) and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        await _process.WaitForExitAsync().WaitAsync(timeout);
        return _process.ExitCode;
    }

    /// <summary>The sample's <c>GET /</c> over plain HTTP: which serial it serves.</summary>
    public async Task<string?> HomeAsync()
    {
        if (_process.HasExited)
            throw new InvalidOperationException($"the sample application exited ({_process.ExitCode}); log {LogPath}:\n{Tail()}");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            return await http.GetStringAsync($"http://127.0.0.1:{HttpPort}/");
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    public string Tail() => string.Join('\n', File.ReadLines(LogPath).TakeLast(40));

    /// <summary>dotnet restore (forced: the package may have been packed again under the same version) and build,
    /// once per run, into the test's bin folder.</summary>
    static async Task<string> BuildAsync(string logDirectory)
    {
        await BuildLock.WaitAsync();
        try
        {
            if (_built is not null)
                return _built;
            var feed = Path.Combine(TestEnvironment.RepositoryRoot, "artifacts", "packages");
            if (!Directory.Exists(feed) || Directory.GetFiles(feed, "CertMesh.Client.*.nupkg").Length == 0)
                throw new InvalidOperationException($"no CertMesh.Client package in {feed}: pack it first (tests/run.sh does; by hand: source deploy/local/lib/common.sh deploy/local/lib/packages.sh; pack_certmesh_packages)");
            var project = Path.Combine(TestEnvironment.RepositoryRoot, "deploy", "examples", "sample-app", "SampleApp.csproj");
            var output = Path.Combine(AppContext.BaseDirectory, "sample-app");
            var log = Path.Combine(logDirectory, "sample-app-build.log");
            await RunAsync(log, "restore", project, "--force", "-nologo");
            await RunAsync(log, "build", project, "-c", "Release", "--no-restore", "-nologo", "-o", output);
            return _built = output;
        }
        finally
        {
            BuildLock.Release();
        }
    }

    static async Task RunAsync(string log, params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet", arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
        await File.AppendAllTextAsync(log, $"$ dotnet {string.Join(' ', arguments)}\n{await output}{await error}\n");
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"dotnet {arguments[0]} of the sample application failed ({process.ExitCode}); log {log}:\n{await output}{await error}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
