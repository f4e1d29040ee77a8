using System.Diagnostics;
using System.Globalization;

namespace CertMesh.Faults.Tests.Support;

/// <summary>
/// A RabbitMQ node and a PostgreSQL cluster of this suite's own, started by <c>deploy/local/infra-up.sh --only</c>
/// on free loopback ports and a state directory under /var/tmp, so the suite can SIGKILL them without touching the
/// servers every other suite (or a developer's stack) uses. PostgreSQL runs with its durable defaults, as users run it.
/// </summary>
public sealed class PrivateServers : IAsyncDisposable
{
    readonly Dictionary<string, string> _ports;

    PrivateServers(string stateDirectory, Dictionary<string, string> ports)
    {
        StateDirectory = stateDirectory;
        _ports = ports;
    }

    public string StateDirectory { get; }
    public string Postgres => $"Host=127.0.0.1;Port={_ports["CERTMESH_POSTGRES_PORT"]};Username=certmesh;Password=certmesh;Database=certmesh";
    public Uri RabbitMq => new($"rabbitmq://127.0.0.1:{_ports["CERTMESH_RABBITMQ_PORT"]}/");

    public static async Task<PrivateServers> StartAsync()
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        var ports = new Dictionary<string, string>
        {
            ["CERTMESH_RABBITMQ_PORT"] = Port(),
            ["CERTMESH_RABBITMQ_DIST_PORT"] = Port(),
            ["CERTMESH_EPMD_PORT"] = Port(),
            ["CERTMESH_RABBITMQ_NODE"] = $"faults{id}@localhost",
            ["CERTMESH_POSTGRES_PORT"] = Port(),
        };
        var servers = new PrivateServers($"/var/tmp/certmesh-faults-{id}", ports);
        try
        {
            await servers.RunAsync("infra-up.sh", "--only", "rabbitmq,postgres", servers.StateDirectory);
        }
        catch
        {
            await servers.DisposeAsync();
            throw;
        }
        return servers;
    }

    /// <summary>SIGKILL of the RabbitMQ node (beam.smp): no shutdown, unconfirmed publishes and open channels are cut.</summary>
    public Task KillRabbitMqAsync() => KillAsync("rabbitmq", "beam.smp");

    /// <summary>SIGKILL of the postmaster and every backend at once, as a power cut or the OOM killer would.</summary>
    public Task KillPostgresAsync() => KillAsync("postgres", "postgres");

    /// <summary>Starts again whatever is not running (crash recovery for PostgreSQL, queue recovery for RabbitMQ).</summary>
    public Task RestartAsync() => RunAsync("infra-up.sh", "--only", "rabbitmq,postgres", StateDirectory);

    async Task KillAsync(string name, string comm)
    {
        var pid = int.Parse((await File.ReadAllTextAsync(Path.Combine(StateDirectory, "pids", name + ".pid"))).Trim(), CultureInfo.InvariantCulture);
        if (await CommAsync(pid) != comm)
            throw new InvalidOperationException($"pid {pid} of {name} is not {comm}");
        var victims = new List<int> { pid };
        victims.AddRange(Children(pid));
        using (var kill = Process.Start("kill", ["-KILL", .. victims.Select(v => v.ToString(CultureInfo.InvariantCulture))])!)
            await kill.WaitForExitAsync();
        // Gone, not merely dying: the port must be closed before anyone can count the server as down.
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (victims.Any(v => Stat(v) is { State: not ('Z' or 'X') }))
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{name} (pid {pid}) still runs 15 s after SIGKILL");
            await Task.Delay(50);
        }
    }

    static IEnumerable<int> Children(int pid) =>
        Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), out var p) ? p : 0)
            .Where(p => p > 0 && Stat(p) is { } stat && stat.ParentId == pid)
            .ToList();

    /// <summary>The state letter and parent of a process from /proc/PID/stat (after the parenthesised name), or null once gone.</summary>
    static (char State, int ParentId)? Stat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            return (fields[0][0], int.Parse(fields[1], CultureInfo.InvariantCulture));
        }
        catch (IOException)
        {
            return null;
        }
    }

    static async Task<string> CommAsync(int pid)
    {
        try
        {
            return (await File.ReadAllTextAsync($"/proc/{pid}/comm")).Trim();
        }
        catch (IOException)
        {
            return "";
        }
    }

    async Task RunAsync(string script, params string[] arguments)
    {
        var info = new ProcessStartInfo(Path.Combine(TestEnvironment.RepositoryRoot, "deploy", "local", script), arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in _ports)
            info.Environment[key] = value;
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"cannot run {script}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{script} {string.Join(' ', arguments)} exited {process.ExitCode}: {await error}{await output}");
    }

    static string Port() => TestEnvironment.FreePort().ToString(CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        if (Directory.Exists(StateDirectory))
            await RunAsync("infra-down.sh", "--purge", StateDirectory);
    }
}
