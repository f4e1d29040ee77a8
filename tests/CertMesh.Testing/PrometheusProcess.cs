using System.Diagnostics;
using System.Globalization;

namespace CertMesh.Testing;

/// <summary>
/// A Prometheus a test starts itself (Debian's /usr/bin/prometheus) on a free loopback port, with storage in a temp
/// directory of its own, scraping the given targets and evaluating the given rule files every second. It fails loudly
/// when the binary is missing; it is stopped by its own pid and its directory removed.
/// </summary>
public sealed class PrometheusProcess : IAsyncDisposable
{
    static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    readonly Process _process;
    readonly string _stateDir;
    readonly StreamWriter _log;

    PrometheusProcess(Process process, string stateDir, StreamWriter log, int port)
    {
        _process = process;
        _stateDir = stateDir;
        _log = log;
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
        Http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        Api = new PrometheusApi(Http);
    }

    public Uri BaseAddress { get; }
    public HttpClient Http { get; }
    public PrometheusApi Api { get; }

    /// <summary>Its output: kept after it stops, for a failing test's reader.</summary>
    public string LogPath => _stateDir + ".log";

    /// <param name="binary">The prometheus binary; another path only to prove a missing one fails loudly.</param>
    public static async Task<PrometheusProcess> StartAsync(IEnumerable<PrometheusTarget> targets, IEnumerable<string> ruleFiles, string binary = PrometheusBinaries.Prometheus)
    {
        PrometheusBinaries.Require(binary);
        var stateDir = Directory.CreateTempSubdirectory("certmesh-prometheus-").FullName;
        var config = Path.Combine(stateDir, "prometheus.yml");
        await File.WriteAllTextAsync(config, PrometheusConfig.Yaml(targets, ruleFiles));
        var port = TestEnvironment.FreePort();
        var start = new ProcessStartInfo(binary)
        {
            ArgumentList =
            {
                $"--config.file={config}",
                $"--storage.tsdb.path={Path.Combine(stateDir, "data")}",
                $"--web.listen-address=127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}",
            },
            WorkingDirectory = stateDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{binary} did not start");
        // Drained into a log file beside the state directory, so a chatty Prometheus never blocks on a full pipe.
        var log = new StreamWriter(stateDir + ".log", append: true) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var prometheus = new PrometheusProcess(process, stateDir, log, port);
        try
        {
            await prometheus.WaitUntilReadyAsync();
        }
        catch
        {
            await prometheus.DisposeAsync();
            throw;
        }
        return prometheus;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        Http.Dispose();
        lock (_log)
            _log.Dispose();
        Directory.Delete(_stateDir, recursive: true);
    }

    async Task WaitUntilReadyAsync()
    {
        var elapsed = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var response = await Http.GetAsync(new Uri("/-/ready", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                    return;
            }
            catch (HttpRequestException) when (!_process.HasExited)
            {
            }
            if (_process.HasExited || elapsed.Elapsed >= StartTimeout)
            {
                var how = _process.HasExited ? $"exited with {_process.ExitCode.ToString(CultureInfo.InvariantCulture)}" : $"was not ready within {StartTimeout.TotalSeconds:0}s";
                throw new InvalidOperationException($"The test's Prometheus ({BaseAddress}) {how}; its log: {LogPath}");
            }
            await Task.Delay(100);
        }
    }

    static void Write(StreamWriter log, string? line)
    {
        if (line is null)
            return;
        lock (log)
        {
            if (log.BaseStream is not null)
                log.WriteLine(line);
        }
    }
}
