using System.Diagnostics;

namespace CertMesh.Edge.Tests.Support;

/// <summary>One Edge running as a real process on a loopback port of its own, logging to a file.</summary>
public sealed class EdgeProcess : IDisposable
{
    readonly Process _process;

    EdgeProcess(string name, int port, Process process)
    {
        Name = name;
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
        _process = process;
    }

    public string Name { get; }
    public Uri BaseAddress { get; }

    public static async Task<EdgeProcess> StartAsync(string name, IReadOnlyDictionary<string, string> environment, string logDirectory)
    {
        var dll = Path.Combine(TestEnvironment.RepositoryRoot, "services", "Edge", "bin", TestEnvironment.Configuration, "net10.0", "CertMesh.Edge.dll");
        if (!File.Exists(dll))
            throw new InvalidOperationException($"{dll} is not built; build tests/CertMesh.Edge.Tests first");
        var port = TestEnvironment.FreePort();
        var info = new ProcessStartInfo("dotnet", [dll])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = TestEnvironment.RepositoryRoot,
        };
        foreach (var (key, value) in environment)
            info.Environment[key] = value;
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        var log = new StreamWriter(Path.Combine(logDirectory, $"{name}.log"), append: true) { AutoFlush = true };
        var process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start Edge {name}");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var edge = new EdgeProcess(name, port, process);
        try
        {
            await edge.WaitHealthyAsync(TimeSpan.FromSeconds(60), Path.Combine(logDirectory, $"{name}.log"));
        }
        catch
        {
            edge.Dispose();
            throw;
        }
        return edge;
    }

    Task WaitHealthyAsync(TimeSpan timeout, string logPath) =>
        HealthProbe.WaitAsync(_process, BaseAddress, timeout, $"Edge {Name} (log {logPath})");

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        _process.Dispose();
    }
}
