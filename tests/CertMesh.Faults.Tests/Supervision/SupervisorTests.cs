using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;

namespace CertMesh.Faults.Tests.Supervision;

/// <summary>
/// deploy/local/lib/supervise.sh, the restart loop up.sh runs every service under, with a real service: a service
/// that is SIGKILLed comes back by itself, and stopping the loop (as down.sh does) stops the service with it.
/// </summary>
public sealed class SupervisorTests : IAsyncLifetime
{
    readonly string _directory = Path.Combine(Path.GetTempPath(), "certmesh-supervise-" + Guid.NewGuid().ToString("N")[..8]);
    readonly int _port = TestEnvironment.FreePort();
    string _database = "";
    Process? _supervisor;

    string LogFile => Path.Combine(_directory, "service.log");
    string ChildPidFile => Path.Combine(_directory, "service.child.pid");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        (_database, var connectionString) = await ScratchDatabase.CreateAsync("certmesh_supervise_");
        var dll = Path.Combine(TestEnvironment.RepositoryRoot, "services", "KeyManager", "bin", TestEnvironment.Configuration, "net10.0", "CertMesh.KeyManager.dll");
        var info = new ProcessStartInfo(Path.Combine(TestEnvironment.RepositoryRoot, "deploy", "local", "lib", "supervise.sh"),
            ["KeyManager", LogFile, ChildPidFile, "--", "dotnet", dll])
        {
            WorkingDirectory = TestEnvironment.RepositoryRoot,
        };
        info.Environment["CERTMESH_POSTGRES"] = connectionString;
        info.Environment["CERTMESH_RABBITMQ"] = TestEnvironment.RabbitMq.ToString();
        info.Environment["CERTMESH_SECRET_KEY"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{_port}";
        _supervisor = Process.Start(info) ?? throw new InvalidOperationException("cannot start supervise.sh");
        await WaitReadyAsync(TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task Supervise_ServiceKilled_StartedAgainAndReady()
    {
        var first = await ChildAsync();

        Signal("KILL", first);

        var second = await Eventually.UntilAsync(ChildAsync, pid => pid != first && pid != 0, TimeSpan.FromSeconds(30), "a new service process");
        await WaitReadyAsync(TimeSpan.FromSeconds(60));
        Assert.False(Directory.Exists($"/proc/{first}") && !IsZombie(first), $"the killed process {first} still runs");
        Assert.Contains($"KeyManager (pid {first}) exited with status 137; starting it again", await File.ReadAllTextAsync(LogFile));
        Assert.False(_supervisor!.HasExited);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task Supervise_SupervisorStopped_ServiceStoppedToo()
    {
        var child = await ChildAsync();

        Signal("TERM", _supervisor!.Id);

        Assert.True(await Task.Run(() => _supervisor.WaitForExit(TimeSpan.FromSeconds(20))), "supervise.sh did not exit after SIGTERM");
        await Eventually.UntilAsync(() => Task.FromResult(Directory.Exists($"/proc/{child}") && !IsZombie(child)), running => !running,
            TimeSpan.FromSeconds(5), $"the service (pid {child}) to stop with its supervisor");
        Assert.False(File.Exists(ChildPidFile));
    }

    async Task<int> ChildAsync()
    {
        try
        {
            return int.Parse((await File.ReadAllTextAsync(ChildPidFile)).Trim(), CultureInfo.InvariantCulture);
        }
        catch (Exception exception) when (exception is IOException or FormatException)
        {
            return 0;
        }
    }

    // The supervisor stands for the service: it only exits when stopped, so the probe fails at once if it does.
    Task WaitReadyAsync(TimeSpan timeout) =>
        HealthProbe.WaitAsync(_supervisor!, new Uri($"http://127.0.0.1:{_port}"), timeout, $"the supervised KeyManager (log {LogFile})");

    static bool IsZombie(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)] is 'Z' or 'X';
        }
        catch (IOException)
        {
            return true;
        }
    }

    static void Signal(string signal, int pid)
    {
        using var kill = Process.Start("kill", [$"-{signal}", pid.ToString(CultureInfo.InvariantCulture)])!;
        kill.WaitForExit();
    }

    public async Task DisposeAsync()
    {
        if (_supervisor is { HasExited: false })
        {
            Signal("TERM", _supervisor.Id);
            _supervisor.WaitForExit(TimeSpan.FromSeconds(20));
        }
        _supervisor?.Dispose();
        if (_database.Length > 0)
            await ScratchDatabase.DropAsync(_database);
        Directory.Delete(_directory, recursive: true);
    }
}
