using System.Diagnostics;

namespace CertMesh.Testing;

/// <summary>
/// One CertMesh service running as a real process (as deployed), logging to a file, which a test can freeze,
/// SIGKILL and start again. <c>name</c> is the instance (<c>ChallengeSolver@2</c> is replica 2 of ChallengeSolver)
/// and doubles as its replica id.
/// </summary>
public sealed class ServiceProcess(string name, int port, IReadOnlyDictionary<string, string?> environment, string logDirectory) : IDisposable
{
    Process? _process;

    public string Name { get; } = name;
    public string Project { get; } = name.Split('@')[0];
    public int Port { get; } = port;
    public Uri BaseAddress { get; } = new($"http://127.0.0.1:{port}");
    public string LogPath { get; } = Path.Combine(logDirectory, $"{name}.log");
    public bool IsRunning => _process is { HasExited: false };

    /// <summary>The operating system's id of the running process (to read <c>/proc/&lt;pid&gt;/status</c>), null before it starts.</summary>
    public int? ProcessId => _process?.Id;

    /// <summary>Starts the instance on a free loopback port and waits until it is healthy; disposed if it never is.</summary>
    public static async Task<ServiceProcess> StartAsync(string name, IReadOnlyDictionary<string, string?> environment, string logDirectory)
    {
        var service = new ServiceProcess(name, TestEnvironment.FreePort(), environment, logDirectory);
        try
        {
            service.Start();
            await service.WaitHealthyAsync(TimeSpan.FromSeconds(60));
        }
        catch
        {
            service.Dispose();
            throw;
        }
        return service;
    }

    public void Start()
    {
        var dll = Path.Combine(TestEnvironment.RepositoryRoot, "services", Project, "bin", TestEnvironment.Configuration, "net10.0", $"CertMesh.{Project}.dll");
        if (!File.Exists(dll))
            throw new InvalidOperationException($"{dll} is not built; build the solution first");
        var info = new ProcessStartInfo("dotnet", [dll])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = TestEnvironment.RepositoryRoot,
        };
        foreach (var (key, value) in environment)
            info.Environment[key] = value;
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{Port}";
        info.Environment["CERTMESH_REPLICA_ID"] = Name;
        var log = new StreamWriter(LogPath, append: true) { AutoFlush = true };
        log.WriteLine($"===== start {DateTimeOffset.UtcNow:O}");
        _process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {Name}");
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public Task WaitHealthyAsync(TimeSpan timeout) =>
        HealthProbe.WaitAsync(_process ?? throw new InvalidOperationException($"{Name} was not started"), BaseAddress, timeout, $"{Name} (log {LogPath})");

    /// <summary>SIGSTOP: the process is frozen where it is, so a test can look at what it holds before killing it.</summary>
    public void Freeze()
    {
        if (_process is not { HasExited: false } process)
            throw new InvalidOperationException($"{Name} is not running");
        using var stop = Process.Start("kill", ["-STOP", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])
            ?? throw new InvalidOperationException("cannot run kill");
        stop.WaitForExit();
        if (stop.ExitCode != 0)
            throw new InvalidOperationException($"kill -STOP {process.Id} exited {stop.ExitCode}");
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing — the crash the outbox and inbox exist for.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    public void Dispose()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        _process?.Dispose();
    }
}
