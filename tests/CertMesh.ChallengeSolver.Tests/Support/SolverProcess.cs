using System.Diagnostics;

namespace CertMesh.ChallengeSolver.Tests.Support;

/// <summary>One ChallengeSolver replica running as a real process (as deployed), logging to a file; killable with SIGKILL.</summary>
public sealed class SolverProcess : IDisposable
{
    readonly Process _process;

    SolverProcess(string replica, Process process, string logPath)
    {
        Replica = replica;
        _process = process;
        LogPath = logPath;
    }

    public string Replica { get; }
    public string LogPath { get; }

    public static async Task<SolverProcess> StartAsync(string replica, IReadOnlyDictionary<string, string?> environment, string logDirectory)
    {
        var dll = Path.Combine(TestEnvironment.RepositoryRoot, "services", "ChallengeSolver", "bin", TestEnvironment.Configuration, "net10.0", "CertMesh.ChallengeSolver.dll");
        if (!File.Exists(dll))
            throw new InvalidOperationException($"{dll} is not built; build tests/CertMesh.ChallengeSolver.Tests first");
        var port = TestEnvironment.FreePort();
        var info = new ProcessStartInfo("dotnet", [dll])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = TestEnvironment.RepositoryRoot,
        };
        foreach (var (key, value) in environment)
            info.Environment[key] = value;
        info.Environment["CERTMESH_REPLICA_ID"] = replica;
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        var logPath = Path.Combine(logDirectory, $"{replica}.log");
        var log = new StreamWriter(logPath, append: true) { AutoFlush = true };
        var process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start ChallengeSolver {replica}");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var solver = new SolverProcess(replica, process, logPath);
        try
        {
            await HealthProbe.WaitAsync(process, new Uri($"http://127.0.0.1:{port}"), TimeSpan.FromSeconds(60), $"ChallengeSolver {replica} (log {logPath})");
        }
        catch
        {
            solver.Dispose();
            throw;
        }
        return solver;
    }

    /// <summary>kill -9: no shutdown code runs, the hold stays in the database until its lease runs out.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit(10_000);
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }
}
